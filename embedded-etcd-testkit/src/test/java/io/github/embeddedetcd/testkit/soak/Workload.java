/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Response;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writers that each own some keys and write 1, 2, 3, ... to them in turn, and readers that read
 * random keys linearizably, all through the current client, every operation recorded in a
 * {@link History}. Runs until stopped; every operation has a deadline.
 */
final class Workload implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 20;
    private static final long JOIN_MILLIS = 10_000;

    private final History history = new History();
    private final AtomicReference<Client> client;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    Workload(Client initial, int writers, int keysPerWriter, int readers) {
        this.client = new AtomicReference<>(initial);
        for (int w = 0; w < writers; w++) {
            List<String> owned = new ArrayList<>();
            for (int k = 0; k < keysPerWriter; k++) {
                owned.add("soak/w" + w + "/k" + k);
            }
            keys.addAll(owned);
            threads.add(new Thread(() -> write(owned), "soak-writer-" + w));
        }
        for (int r = 0; r < readers; r++) {
            threads.add(new Thread(this::read, "soak-reader-" + r));
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    /** Points the workload at a client for the cluster's current members; returns the one it replaces. */
    Client switchTo(Client next) {
        return client.getAndSet(next);
    }

    List<String> keys() {
        return List.copyOf(keys);
    }

    History history() {
        return history;
    }

    private void write(List<String> owned) {
        long[] next = new long[owned.size()];
        for (int turn = 0; running.get(); turn = (turn + 1) % owned.size()) {
            long value = ++next[turn];
            String key = owned.get(turn);
            long invoked = System.nanoTime();
            PutResponse put = attempt(() -> client.get().getKVClient().put(bytes(key), bytes(Long.toString(value)))
                    .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            history.record(new Operation(Operation.Kind.WRITE, key, value, invoked, System.nanoTime(),
                    put != null ? Operation.Outcome.OK : Operation.Outcome.UNKNOWN, revisionOf(put)));
        }
    }

    private void read() {
        while (running.get()) {
            String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
            long invoked = System.nanoTime();
            GetResponse get = attempt(() -> client.get().getKVClient().get(bytes(key))
                    .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            history.record(new Operation(Operation.Kind.READ, key, get != null ? valueOf(get) : 0, invoked,
                    System.nanoTime(), get != null ? Operation.Outcome.OK : Operation.Outcome.UNKNOWN, revisionOf(get)));
        }
    }

    private static long revisionOf(Response response) {
        return response != null ? response.getHeader().getRevision() : 0;
    }

    /** A key's value in a read answer, 0 when the key does not exist. */
    static long valueOf(GetResponse response) {
        return response.getKvs().isEmpty() ? 0 : Long.parseLong(response.getKvs().get(0).getValue()
                .toString(StandardCharsets.UTF_8));
    }

    /** The answer, or null when the call failed or passed its deadline. */
    private static <T> T attempt(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception failed) {
            if (failed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            pause();
            return null;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    /** Stops the threads (each ends after its current operation, bounded by the deadline). */
    @Override
    public void close() {
        running.set(false);
        try {
            for (Thread thread : threads) {
                thread.join(JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
