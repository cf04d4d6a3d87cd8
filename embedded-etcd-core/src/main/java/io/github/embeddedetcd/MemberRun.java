package io.github.embeddedetcd;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.binary.EtcdBinary;
import io.github.embeddedetcd.cluster.EventDispatcher;
import io.github.embeddedetcd.cluster.JoinRecord;
import io.github.embeddedetcd.cluster.Joiner;
import io.github.embeddedetcd.cluster.MembershipMonitor;
import io.github.embeddedetcd.cluster.RemovedData;
import io.github.embeddedetcd.cluster.Tombstone;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.process.DataDirState;
import io.github.embeddedetcd.process.EtcdProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One run of a member, from its start to its end: the data dir it holds, the etcd process, the
 * membership monitor and event thread. Ends once — by stop, kill, or etcd exiting on its own
 * (removed from the cluster, or crashed) — and then releases everything.
 */
final class MemberRun {

    private static final Logger LOG = LoggerFactory.getLogger(MemberRun.class);
    private static final String REMOVED_MESSAGE = "the member has been permanently removed from the cluster";
    /** etcd's log messages (zap) on a membership or leader change: each prompts an immediate poll. */
    private static final List<String> CHANGE_MESSAGES = List.of("added member", "removed member", "promote member",
            "updated member", "elected leader", "lost leader");

    private final EtcdConfig config;
    private final DataDirState dataDir;
    private final EtcdProcess process;
    private final MembershipMonitor monitor;
    private final EventDispatcher events;
    private final List<URI> joinedThrough;
    private final String startedAs;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** Set by the output thread when etcd logs that this member was removed, from launch on. */
    private final AtomicBoolean removedFromCluster;
    private volatile boolean removalExpected;
    private Client client;
    private boolean ending;

    private MemberRun(EtcdConfig config, DataDirState dataDir, EtcdProcess process, AtomicBoolean removedFromCluster,
                      List<URI> joinedThrough, List<MembershipListener> listeners, String startedAs) {
        this.config = config;
        this.removedFromCluster = removedFromCluster;
        this.dataDir = dataDir;
        this.process = process;
        this.joinedThrough = joinedThrough;
        this.startedAs = startedAs;
        this.events = new EventDispatcher(config.name(), listeners);
        this.monitor = new MembershipMonitor(config, events);
    }

    /**
     * Starts etcd on the member's data dir — restart, resumed join, new join through
     * {@code joinVia}, or a new cluster — and returns once it is healthy.
     *
     * @param onOwnEnd called after the run ended without stop() or kill() (removal or crash)
     */
    static MemberRun start(EtcdConfig config, EtcdBinary binary, List<MembershipListener> listeners,
                           List<URI> joinVia, Cancellation cancellation, Consumer<MemberRun> onOwnEnd) {
        DataDirState dataDir = DataDirState.acquire(config.dataDir());
        EtcdProcess process = null;
        AtomicBoolean removed = new AtomicBoolean();
        try {
            dataDir = clearTombstone(config, dataDir, !joinVia.isEmpty());
            boolean restart = DataDirState.isBootstrapped(config.dataDir(), config.walDir());
            Optional<JoinRecord> join = Optional.empty();
            if (!restart) {
                Optional<List<URI>> via = JoinRecord.load(dataDir).map(JoinRecord::endpoints)
                        .or(() -> joinVia.isEmpty() ? Optional.empty() : Optional.of(joinVia));
                if (via.isPresent()) {
                    join = Optional.of(Joiner.register(config, via.get(), cancellation::isRequested));
                    join.get().save(dataDir);
                }
            }
            EtcdConfig effective = join.map(j -> config.toBuilder().initialCluster(j.initialCluster()).build()).orElse(config);
            process = EtcdProcess.launch(binary, effective, restart || join.isPresent()
                    ? ClusterState.EXISTING : config.initialClusterState());
            process.output().watch(text -> {
                if (text.contains(REMOVED_MESSAGE)) {
                    removed.set(true);
                }
            });
            cancellation.attach(process);
            dataDir.recordEtcd(process.handle());
            process.awaitHealthy(config.advertiseClientUrls().get(0), config.startTimeout());
            MemberRun run = new MemberRun(config, dataDir, process, removed,
                    join.map(JoinRecord::endpoints).orElse(List.of()), listeners,
                    restart ? "restarted" : join.isPresent() ? "joined as learner" : "new cluster");
            process.output().watch(text -> {
                if (CHANGE_MESSAGES.stream().anyMatch(text::contains)) {
                    run.monitor.poke();
                }
            });
            run.monitor.start();
            EtcdProcess started = process;
            started.onExit().thenAccept(code -> run.exitedByItself(code, onOwnEnd));
            return run;
        } catch (RuntimeException e) {
            if (process != null) {
                process.kill();
            }
            if (removed.get()) {
                new Tombstone(0, config.name(), Instant.now().toString()).save(dataDir);
            }
            dataDir.clearEtcd();
            dataDir.close();
            if (removed.get()) {
                throw new MemberRemovedException("Member '" + config.name() + "' was removed from its cluster, so etcd "
                        + "refused to start on its data dir; the next start moves the old data aside. Join the cluster "
                        + "again with join(endpoints).", config.dataDir());
            }
            throw e;
        }
    }

    /** A tombstoned data dir is moved aside; the member must then join again. */
    static DataDirState clearTombstone(EtcdConfig config, DataDirState state, boolean willJoin) {
        Optional<Tombstone> tombstone = Tombstone.load(state);
        if (tombstone.isEmpty()) {
            return state;
        }
        state.close();
        Path moved = RemovedData.moveAside(config.dataDir());
        if (config.walDir() != null && Files.exists(config.walDir())) {
            RemovedData.moveAside(config.walDir());
        }
        if (!willJoin) {
            throw new MemberRemovedException("Member '" + config.name() + "' was removed from its cluster ("
                    + tombstone.get().removedAt() + "), so its data dir must not be reused: the old data was moved to "
                    + moved + ". Join the cluster again with join(endpoints), or set embedded.join-endpoints.", moved);
        }
        return DataDirState.acquire(config.dataDir());
    }

    EtcdProcess process() {
        return process;
    }

    MembershipMonitor monitor() {
        return monitor;
    }

    List<URI> joinedThrough() {
        return joinedThrough;
    }

    String startedAs() {
        return startedAs;
    }

    /** Completes once the run has ended and released everything. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Expects etcd to stop itself because this member is being removed (the tombstone is then written). */
    void expectRemoval(boolean expected) {
        removalExpected = expected;
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

    synchronized Client client(List<URI> endpoints) {
        if (ending) {
            throw new IllegalStateException("etcd member '" + config.name() + "' is stopping");
        }
        if (client == null) {
            client = Client.builder().endpoints(endpoints.toArray(URI[]::new)).waitForReady(false)
                    .connectTimeout(config.requestTimeout()).build();
        }
        return client;
    }

    /** Stops etcd gracefully (SIGTERM, bounded wait, SIGKILL) and ends the run; returns the exit code. */
    int stop(Duration timeout) {
        int[] code = {-1};
        end(() -> code[0] = process.stop(timeout));
        LOG.info("etcd member '{}' stopped (exit code {})", config.name(), code[0]);
        return code[0];
    }

    /** Ends etcd with SIGKILL and ends the run. */
    void kill() {
        end(process::kill);
        LOG.info("etcd member '{}' killed (SIGKILL)", config.name());
    }

    private void exitedByItself(int code, Consumer<MemberRun> onOwnEnd) {
        process.awaitOutputDrained();
        synchronized (this) {
            if (ending) {
                return;
            }
        }
        if (!removedFromCluster.get() && !removalExpected) {
            LOG.error("etcd member '{}' exited unexpectedly with code {}. Last lines:\n  {}", config.name(), code,
                    String.join("\n  ", process.output().recentLines()));
        }
        end(() -> { });
        onOwnEnd.accept(this);
    }

    /**
     * Ends the run once: stops etcd first (a kill must be immediate), then polling and clients,
     * tombstones a removed member and releases the data dir.
     */
    private void end(Runnable stopEtcd) {
        boolean alreadyEnding;
        synchronized (this) {
            alreadyEnding = ending;
            ending = true;
        }
        if (alreadyEnding) {
            ended.join();
            return;
        }
        Member self = monitor.self().orElseGet(this::selfDescription);
        try {
            stopEtcd.run();
        } finally {
            try {
                monitor.close();
                closeClient();
                if (removedFromCluster.get() || removalExpected) {
                    markRemoved(self);
                }
                dataDir.clearEtcd();
                dataDir.close();
                events.close();
            } finally {
                ended.complete(null);
            }
        }
    }

    private synchronized void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void markRemoved(Member self) {
        try {
            new Tombstone(self.id(), config.name(), Instant.now().toString()).save(dataDir);
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
