/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.internal.cluster.EtcdAccess;
import io.github.embeddedetcd.internal.cluster.MembershipView;
import io.github.embeddedetcd.snapshot.ScheduledSnapshots;
import io.github.embeddedetcd.snapshot.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A member's part in the cluster's scheduled snapshots: every {@code embedded.snapshot-interval}
 * each member asks itself whether it is the one to take this snapshot (see {@link #takerIn}), and
 * that one saves it into its snapshot dir and deletes the oldest beyond the retention. A failure is
 * logged with what to do and counted; it never stops etcd or the application, and the next
 * interval tries again.
 */
public final class SnapshotSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSchedule.class);

    private final EtcdConfig config;
    private final Duration interval;
    private final Path directory;
    private final URI localUrl;
    private final EtcdAccess access;
    private final Supplier<Optional<MembershipView>> view;
    private final ScheduledExecutorService thread;
    private final AtomicLong saved = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong checkFailures = new AtomicLong();
    private volatile String lastFailure;
    private final EtcdBinary binary;
    private final Duration checkInterval;
    /** When the last check began, in System.nanoTime() (only the schedule's thread reads and writes it). */
    private long lastCheck = System.nanoTime();

    private SnapshotSchedule(EtcdConfig config, EtcdBinary binary, EtcdAccess access,
                             Supplier<Optional<MembershipView>> view) {
        this.config = config;
        this.binary = binary;
        this.checkInterval = config.get(Settings.SNAPSHOT_CHECK_INTERVAL);
        this.interval = config.get(Settings.SNAPSHOT_INTERVAL);
        this.directory = directory(config);
        this.localUrl = config.advertiseClientUrls().get(0);
        this.access = access;
        this.view = view;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-etcd-snapshots-" + config.name());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the schedule when the config has an interval; the first snapshot is due one interval after the start. */
    public static Optional<SnapshotSchedule> start(EtcdConfig config, EtcdBinary binary, EtcdAccess access,
                                                   Supplier<Optional<MembershipView>> view) {
        if (!isScheduled(config)) {
            return Optional.empty();
        }
        SnapshotSchedule schedule = new SnapshotSchedule(config, binary, access, view);
        long millis = schedule.interval.toMillis();
        schedule.thread.scheduleWithFixedDelay(schedule::tick, millis, millis, TimeUnit.MILLISECONDS);
        return Optional.of(schedule);
    }

    /** What a member that does not run reports: nothing saved, nothing failed, no newest known. */
    public static ScheduledSnapshots notRunning(EtcdConfig config) {
        return new ScheduledSnapshots(isScheduled(config), directory(config), Optional.empty(), 0, 0, Optional.empty(),
                Optional.empty(), 0);
    }

    private static boolean isScheduled(EtcdConfig config) {
        return config.get(Settings.SNAPSHOT_INTERVAL) != null;
    }

    /** {@code embedded.snapshot-dir}, else {@code snapshots} next to the data dir. */
    private static Path directory(EtcdConfig config) {
        Path dir = config.get(Settings.SNAPSHOT_DIR);
        return dir != null ? dir : config.dataDir().toAbsolutePath().normalize().resolveSibling("snapshots");
    }

    /**
     * The member that takes the cluster's snapshot: the follower voter with the lowest id, so that
     * the leader's disk and CPU serve writes; the leader when it is the only voter. Each member
     * decides from its own last poll, so around a leader change two may take one, or none.
     */
    static Optional<Long> takerIn(MembershipView view) {
        Optional<Member> follower = view.members().values().stream()
                .filter(m -> !m.learner() && m.id() != view.leaderId() && m.started())
                .min(Comparator.comparingLong(Member::id));
        return follower.map(Member::id).or(() -> view.leaderId() != 0 ? Optional.of(view.leaderId()) : Optional.empty());
    }

    private void tick() {
        Optional<MembershipView> seen = view.get();
        if (seen.isEmpty() || !takerIn(seen.get()).equals(Optional.of(seen.get().localId()))) {
            return;
        }
        try {
            Snapshot snapshot = SnapshotFiles.save(localUrl, access, directory, SnapshotNames::of);
            saved.incrementAndGet();
            lastFailure = null;
            LOG.info("Saved scheduled snapshot {} (revision {}, {} bytes)", snapshot.file(), snapshot.revision(),
                    snapshot.sizeBytes());
            SnapshotNames.deleteBeyond(directory, snapshot.clusterId(), config.get(Settings.SNAPSHOT_RETENTION));
            // due when no retained snapshot is proven (the first, or the proven one aged out), else once an interval
            if (SnapshotNames.newestProven(directory, snapshot.clusterId()).isEmpty()
                    || System.nanoTime() - lastCheck >= checkInterval.toNanos()) {
                check(snapshot);
            }
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            lastFailure = e.getMessage();
            LOG.warn("Scheduled snapshot of member '{}' failed: {} etcd and the application run on; the next "
                    + "attempt is in {}.", config.name(), e.getMessage(), interval);
        }
    }

    /** Proves the snapshot restorable; a failure is counted and said, and the snapshot kept. */
    private void check(Snapshot snapshot) {
        lastCheck = System.nanoTime();
        try {
            SnapshotCheck.run(snapshot, binary, config);
            LOG.info("Proved snapshot {} restorable: restored with etcd's tool and started ({} ms)", snapshot.file(),
                    (System.nanoTime() - lastCheck) / 1_000_000);
        } catch (RuntimeException e) {
            checkFailures.incrementAndGet();
            lastFailure = e.getMessage();
            LOG.warn("{} The snapshot is kept; while no retained snapshot is proven, each new one is checked.",
                    e.getMessage());
        }
    }

    /** What the schedule has done, and the newest snapshot of the cluster in its directory. */
    public ScheduledSnapshots status(long clusterId) {
        return new ScheduledSnapshots(true, directory, SnapshotNames.newest(directory, clusterId), saved.get(),
                failed.get(), Optional.ofNullable(lastFailure), SnapshotNames.newestProven(directory, clusterId),
                checkFailures.get());
    }

    /** Stops the schedule; a snapshot in progress is interrupted and leaves nothing behind. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
