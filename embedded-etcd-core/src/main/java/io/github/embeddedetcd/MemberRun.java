/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.EtcdAccess;
import io.github.embeddedetcd.internal.cluster.EventDispatcher;
import io.github.embeddedetcd.internal.cluster.JetcdClients;
import io.github.embeddedetcd.internal.cluster.MembershipMonitor;
import io.github.embeddedetcd.internal.cluster.MembershipView;
import io.github.embeddedetcd.internal.datadir.DataDir;
import io.github.embeddedetcd.internal.datadir.MemberIdentity;
import io.github.embeddedetcd.internal.process.EtcdOutput;
import io.github.embeddedetcd.internal.process.EtcdProcess;
import io.github.embeddedetcd.internal.snapshot.SnapshotSchedule;
import io.github.embeddedetcd.internal.upkeep.UpkeepSchedule;
import io.github.embeddedetcd.snapshot.ScheduledSnapshots;
import io.github.embeddedetcd.upkeep.Upkeep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One run of a member, from the moment etcd is healthy to its end: the data dir it holds, the etcd
 * process, the membership monitor and event thread, the client. Ends once — by stop, kill, or etcd
 * exiting on its own (removed from the cluster, or crashed) — and then releases everything.
 */
final class MemberRun {

    private static final Logger LOG = LoggerFactory.getLogger(MemberRun.class);
    /** etcd's log messages (zap) on a membership or leader change: each prompts an immediate poll. */
    private static final List<String> CHANGE_MESSAGES = List.of("added member", "removed member", "promote member",
            "updated member", "elected leader", "lost leader");

    private final EtcdConfig config;
    private final DataDir dataDir;
    private final EtcdProcess process;
    private final ClusterCalls calls;
    private final MembershipMonitor monitor;
    private final EventDispatcher events;
    private final StartPlan plan;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Removal removal;
    private final AtomicBoolean ending = new AtomicBoolean();
    private volatile Integer exitCode;
    private volatile Optional<SnapshotSchedule> snapshots = Optional.empty();
    private volatile UpkeepSchedule upkeep;
    private Client client;

    private MemberRun(EtcdConfig config, DataDir dataDir, EtcdProcess process, Removal removal,
                      StartPlan plan, List<MembershipListener> listeners) {
        this.config = config;
        this.dataDir = dataDir;
        this.process = process;
        this.removal = removal;
        this.plan = plan;
        this.events = new EventDispatcher(config.name(), listeners);
        this.calls = ClusterCalls.connect(List.of(config.advertiseClientUrls().get(0)), EtcdAccess.of(config));
        this.monitor = new MembershipMonitor(config, calls, events);
    }

    /**
     * Takes over a healthy etcd: starts the membership monitor and returns once its first poll
     * answered (or failed), so that leader, learner and client endpoints are known from the start.
     *
     * @param onOwnEnd called after the run ended without stop() or kill() (removal or crash)
     */
    static MemberRun begin(EtcdConfig config, EtcdBinary binary, DataDir dataDir, EtcdProcess process, Removal removed,
                           StartPlan plan, List<MembershipListener> listeners, Consumer<MemberRun> onOwnEnd) {
        MemberRun run = new MemberRun(config, dataDir, process, removed, plan, listeners);
        process.output().watch(text -> {
            if (CHANGE_MESSAGES.stream().anyMatch(text::contains)) {
                run.monitor.poke();
            }
        });
        run.monitor.start();
        process.onExit().thenAccept(code -> run.exitedByItself(code, onOwnEnd));
        run.monitor.awaitFirstPoll(config.requestTimeout());
        run.recordIdentity();
        run.snapshots = SnapshotSchedule.start(config, binary, run.calls.access(), run.monitor::latest);
        run.upkeep = UpkeepSchedule.start(config, run.calls, run.events, run.monitor::latest);
        return run;
    }

    /**
     * Records whose data the data dir holds, once known: after the first poll of a voter's first
     * start, else (a learner cannot list members) when the run ends.
     */
    private void recordIdentity() {
        try {
            if (MemberIdentity.load(dataDir).isEmpty()) {
                monitor.latest().ifPresent(s -> MemberIdentity.of(config.name(), s.localId(), s.clusterId()).save(dataDir));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not record in {} which member its data belongs to: {}", config.dataDir(), e.getMessage());
        }
    }

    /** The logger etcd's output of this member goes to. */
    static String loggerName(String memberName) {
        return EtcdOutput.LOGGER_PREFIX + memberName;
    }

    EtcdProcess process() {
        return process;
    }

    MembershipMonitor monitor() {
        return monitor;
    }

    /** Calls to this member's etcd, and the access (TLS, credentials, deadline) for calls to others. */
    ClusterCalls calls() {
        return calls;
    }

    StartPlan plan() {
        return plan;
    }

    /** The queue this member's listeners hear its events on. */
    EventDispatcher events() {
        return events;
    }

    /** The scheduled snapshots' progress, when they are scheduled. */
    Optional<ScheduledSnapshots> scheduledSnapshots() {
        return snapshots.map(s -> s.status(monitor.latest().map(MembershipView::clusterId).orElse(0L)));
    }

    /** What the upkeep saw at its last check, and has done. */
    Upkeep upkeep() {
        UpkeepSchedule schedule = upkeep;
        return schedule == null ? UpkeepSchedule.notRunning(config) : schedule.status();
    }

    /** Completes once the run has ended and released everything. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** etcd's exit code, once it exited by itself. */
    OptionalInt exitCode() {
        Integer code = exitCode;
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** Expects etcd to stop itself because this member's removal was asked for (not yet done). */
    void expectRemoval(boolean expected) {
        removal.expect(expected);
    }

    /**
     * The removal of this member succeeded: its data dir is tombstoned — when the run ends, or now
     * if it ended already without etcd saying why.
     */
    void confirmRemoval() {
        removal.confirm();
        if (ended.isDone()) {
            markRemoved(monitor.self().orElseGet(this::selfDescription));
        }
    }

    /** What a start reports when etcd exited at once after it became healthy. */
    EmbeddedEtcdException failureRightAfterStart() {
        List<String> lines = process.output().recentLines();
        if (removal.happened()) {
            return new MemberRemovedException("Member '" + config.name() + "' was removed from its cluster and stopped "
                    + "right after it started; its data dir is marked removed. Join the cluster again with "
                    + "join(endpoints).", null);
        }
        return new EtcdStartException("etcd member '" + config.name() + "' exited with code "
                + exitCode().stream().boxed().findFirst().map(String::valueOf).orElse("unknown")
                + " right after it became ready. The full output is in the log '" + loggerName(config.name()) + "'.",
                exitCode().isPresent() ? exitCode().getAsInt() : null, lines);
    }

    /** Waits (bounded) for etcd to exit after this member's removal; kills it if it lingers. */
    void awaitExitAfterRemoval(Duration timeout) {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("etcd member '{}' still runs {} ms after its removal; stopping it", config.name(), timeout.toMillis());
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new EmbeddedEtcdException("Stopping removed member '" + config.name() + "' failed", e.getCause());
        }
    }

    /** The run's client, built on first use with these endpoints. */
    synchronized Client client(List<URI> endpoints) {
        if (ending.get()) {
            throw new IllegalStateException("etcd member '" + config.name() + "' is stopping");
        }
        if (client == null) {
            client = JetcdClients.forEndpoints(endpoints, calls.access());
        }
        return client;
    }

    /** Stops etcd gracefully (SIGTERM, wait up to {@code embedded.stop-timeout}, SIGKILL) and ends the run. */
    void stop() {
        int[] code = {-1};
        if (end(() -> code[0] = process.stop(config.stopTimeout()))) {
            LOG.info("etcd member '{}' stopped (exit code {})", config.name(), code[0]);
        }
    }

    /** Ends etcd with SIGKILL and ends the run. */
    void kill() {
        if (end(process::kill)) {
            LOG.info("etcd member '{}' killed (SIGKILL)", config.name());
        }
    }

    private void exitedByItself(int code, Consumer<MemberRun> onOwnEnd) {
        process.awaitOutputDrained();
        exitCode = code;
        if (ending.get()) {
            return;
        }
        if (!removal.explainsExit()) {
            LOG.error("etcd member '{}' exited unexpectedly with code {}. Last lines:\n  {}", config.name(), code,
                    String.join("\n  ", process.output().recentLines()));
        }
        if (end(() -> { })) {
            onOwnEnd.accept(this);
        }
    }

    /**
     * Ends the run once: stops etcd first (a kill must be immediate), then polling and clients,
     * tombstones a removed member and releases the data dir. A second call waits for the first.
     *
     * @return whether this call ended the run
     */
    private boolean end(Runnable stopEtcd) {
        if (!ending.compareAndSet(false, true)) {
            ended.join();
            return false;
        }
        Member self = monitor.self().orElseGet(this::selfDescription);
        if (upkeep != null) {
            upkeep.stopping();
        }
        try {
            stopEtcd.run();
        } finally {
            try {
                snapshots.ifPresent(SnapshotSchedule::close);
                if (upkeep != null) {
                    upkeep.close();
                }
                monitor.close();
                closeClient();
                if (removal.happened()) {
                    markRemoved(self);
                } else {
                    recordIdentity();
                }
                dataDir.clearEtcd();
                dataDir.close();
                events.close();
            } finally {
                ended.complete(null);
            }
        }
        return true;
    }

    private synchronized void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Tombstones the data dir once and tells the listeners. */
    private void markRemoved(Member self) {
        try {
            if (!removal.tombstone(dataDir, self.id(), config.name())) {
                return;
            }
            LOG.warn("etcd member '{}' was removed from the cluster and has stopped; its data dir {} is marked "
                    + "removed and will be moved aside at the next start", config.name(), config.dataDir());
        } catch (RuntimeException e) {
            LOG.error("etcd member '{}' was removed from the cluster, but its data dir could not be marked: {}. "
                    + "Delete or move {} before starting it again.", config.name(), e.getMessage(), config.dataDir());
        }
        events.fire("this member removed", l -> l.thisMemberRemoved(self));
    }

    private Member selfDescription() {
        return new Member(0, config.name(), config.initialAdvertisePeerUrls(), config.advertiseClientUrls(), false,
                false, Optional.empty());
    }
}
