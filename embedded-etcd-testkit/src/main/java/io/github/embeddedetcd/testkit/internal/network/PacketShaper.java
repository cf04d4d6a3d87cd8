/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.network;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Delay and loss in user space, for kernels without {@code tc netem}: the packets an NFQUEUE rule
 * hands over are dropped at random (loss) or accepted once their delay is over, in arrival order.
 */
final class PacketShaper implements AutoCloseable {

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private record Held(int packetId, long releaseAtNanos) {
    }

    private final Queue<Held> held = new ConcurrentLinkedQueue<>();
    private final Thread releaser;
    private final NetfilterQueue queue;
    private volatile long delayNanos;
    private volatile double lossPercent;
    /** Set on close: no more delay or loss, everything held is let go. */
    private volatile boolean draining;
    private volatile boolean stopped;

    /** Binds NFQUEUE {@code queueNumber} in the network namespace at {@code namespace}; no delay or loss yet. */
    PacketShaper(Path namespace, int queueNumber) throws IOException {
        this.releaser = new Thread(this::releaseLoop, "etcd-testkit-shaper-" + queueNumber);
        this.releaser.setDaemon(true);
        this.queue = NetfilterQueue.bind(namespace, queueNumber, this::onPacket);
        this.releaser.start();
    }

    /** Holds every packet this long (zero: none). */
    void delay(Duration delay) {
        delayNanos = checkDelay(delay).toNanos();
    }

    /** Drops this share (0–100) of the packets. */
    void loss(double percent) {
        lossPercent = checkLoss(percent);
    }

    /** Whether packets pass as they come (no delay, no loss). */
    boolean isIdle() {
        return delayNanos == 0 && lossPercent == 0;
    }

    static Duration checkDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative: " + delay);
        }
        return delay;
    }

    static double checkLoss(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("loss must be between 0 and 100 percent, not " + percent);
        }
        return percent;
    }

    /** Lets every held packet go, then unbinds the queue; idempotent, bounded. */
    @Override
    public void close() {
        if (draining) {
            return;
        }
        draining = true;
        LockSupport.unpark(releaser);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (!held.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        stopped = true;
        LockSupport.unpark(releaser);
        try {
            releaser.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.close();
    }

    private void onPacket(int packetId) {
        if (!draining && ThreadLocalRandom.current().nextDouble(100) < lossPercent) {
            queue.drop(packetId);
            return;
        }
        boolean wasEmpty = held.isEmpty();
        held.add(new Held(packetId, System.nanoTime() + delayNanos));
        if (wasEmpty) {
            LockSupport.unpark(releaser);
        }
    }

    /**
     * The only consumer of {@code held}: accepts the oldest packet once its time has come. Later
     * packets wait behind it, so the order holds even when the delay is lowered meanwhile.
     */
    private void releaseLoop() {
        while (!stopped) {
            Held oldest = held.peek();
            if (oldest == null) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            long wait = draining ? 0 : oldest.releaseAtNanos() - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            held.poll();
            queue.accept(oldest.packetId());
        }
    }
}
