package io.github.embeddedetcd;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.binary.BinaryResolver;
import io.github.embeddedetcd.binary.EtcdBinary;
import io.github.embeddedetcd.cluster.ClusterCallException;
import io.github.embeddedetcd.cluster.ClusterCalls;
import io.github.embeddedetcd.cluster.EventDispatcher;
import io.github.embeddedetcd.cluster.JoinRecord;
import io.github.embeddedetcd.cluster.Joiner;
import io.github.embeddedetcd.cluster.MembershipMonitor;
import io.github.embeddedetcd.cluster.MembershipOperations;
import io.github.embeddedetcd.cluster.Pause;
import io.github.embeddedetcd.cluster.RemovedData;
import io.github.embeddedetcd.cluster.Tombstone;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.process.DataDirState;
import io.github.embeddedetcd.process.EtcdProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An etcd member that lives and dies with this JVM: a real {@code etcd} child process, started,
 * health-checked, logged through SLF4J and stopped by this object, never left behind.
 *
 * <pre>{@code
 * try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(Path.of("config.yaml")).build().start()) {
 *     etcd.client().getKVClient().put(key, value).get(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 *
 * <p>{@link #start()} bootstraps a new single-member cluster, or restarts the member whose data dir
 * is already bootstrapped. {@link #join(URI...)} adds this member to an existing cluster as a
 * learner; the cluster's leader promotes it once it has caught up. {@link #close()} stops etcd
 * (SIGTERM, bounded wait, then SIGKILL). Thread-safe.
 */
public final class EmbeddedEtcd implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEtcd.class);
    private static final String REMOVED_MESSAGE = "the member has been permanently removed from the cluster";
    private static final Duration EXIT_AFTER_REMOVAL = Duration.ofSeconds(10);

    private final EtcdConfig config;
    private final BinaryResolver binaryResolver;
    private final List<MembershipListener> listeners;

    private EtcdBinary binary;
    private DataDirState dataDirState;
    private EtcdProcess process;
    private MembershipMonitor monitor;
    private EventDispatcher events;
    private Client client;
    private List<URI> joinedThrough = List.of();
    private boolean stopping;
    private volatile boolean removedFromCluster;
    private CompletableFuture<Void> terminated = CompletableFuture.completedFuture(null);

    private EmbeddedEtcd(EtcdConfig config, BinaryResolver binaryResolver, List<MembershipListener> listeners) {
        this.config = config;
        this.binaryResolver = binaryResolver;
        this.listeners = List.copyOf(listeners);
    }

    /** A builder for a member; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts etcd and returns once it is healthy: restarts a bootstrapped data dir as the same
     * member, resumes a recorded join, joins through {@code embedded.join-endpoints} when set, or
     * else bootstraps a new cluster from {@code initial-cluster}.
     *
     * @return this, for try-with-resources chaining
     * @throws EtcdStartException      when etcd exits or is not healthy within {@code embedded.start-timeout}
     * @throws MemberRemovedException  when this member was removed from its cluster and no join endpoints are set
     * @throws EmbeddedEtcdException   when the binary, data dir or ports are not usable
     * @throws IllegalStateException   when already running
     */
    public EmbeddedEtcd start() {
        return launch(List.of());
    }

    /**
     * Joins the cluster that these client URLs belong to: adds this member as a learner (reusing
     * one registered earlier with this peer URL), starts it, and — with {@code auto-promote} and
     * {@code await-promotion} on — returns once the leader has promoted it to voter. A data dir
     * that is already bootstrapped is simply restarted. etcd allows one learner at a time, so
     * concurrent joins queue up with backoff until {@code embedded.join-timeout}.
     *
     * @return this, running
     * @throws EmbeddedEtcdException naming the cause when the join cannot complete in time
     */
    public EmbeddedEtcd join(URI... endpoints) {
        if (endpoints.length == 0) {
            throw new IllegalArgumentException("join needs the client URL of at least one existing member");
        }
        launch(List.of(endpoints));
        if (config.autoPromote() && config.awaitPromotion()) {
            awaitVoter();
        }
        return this;
    }

    /**
     * Registers this member as a learner without starting it (the seed program's two-step join):
     * the join is recorded in the data dir, and a later {@link #start()} starts it as a member of
     * that cluster.
     *
     * @return the recorded join: member id and {@code initial-cluster}
     */
    public synchronized JoinRecord register(URI... endpoints) {
        requireNotRunning();
        DataDirState state = DataDirState.acquire(config.dataDir());
        try {
            state = clearTombstone(state, true);
            if (DataDirState.isBootstrapped(config.dataDir(), config.walDir())) {
                throw new EmbeddedEtcdException("Member '" + config.name() + "' is already part of a cluster (data dir "
                        + config.dataDir() + " is bootstrapped); start it instead of joining again.");
            }
            JoinRecord record = Joiner.register(config, List.of(endpoints));
            record.save(state);
            return record;
        } finally {
            state.close();
        }
    }

    private synchronized EmbeddedEtcd launch(List<URI> joinVia) {
        requireNotRunning();
        long began = System.nanoTime();
        binary = binaryResolver.resolve(config.binary());
        List<URI> via = !joinVia.isEmpty() ? joinVia : config.joinEndpoints();
        DataDirState state = DataDirState.acquire(config.dataDir());
        try {
            state = clearTombstone(state, !via.isEmpty());
            boolean restart = DataDirState.isBootstrapped(config.dataDir(), config.walDir());
            Optional<JoinRecord> join = restart ? Optional.empty() : JoinRecord.load(state);
            if (!restart && join.isEmpty() && !via.isEmpty()) {
                join = Optional.of(Joiner.register(config, via));
                join.get().save(state);
            }
            EtcdConfig effective = join.map(j -> config.toBuilder().initialCluster(j.initialCluster()).build()).orElse(config);
            ClusterState clusterState = restart || join.isPresent() ? ClusterState.EXISTING : config.initialClusterState();
            EtcdProcess started = EtcdProcess.launch(binary, effective, clusterState);
            removedFromCluster = false;
            started.output().watch(message -> {
                if (message.contains(REMOVED_MESSAGE)) {
                    removedFromCluster = true;
                }
            });
            state.recordEtcd(started.handle());
            started.awaitHealthy(config.advertiseClientUrls().get(0), config.startTimeout());
            dataDirState = state;
            process = started;
            joinedThrough = join.map(JoinRecord::endpoints).orElse(via);
            stopping = false;
            terminated = new CompletableFuture<>();
            events = new EventDispatcher(config.name(), listeners);
            monitor = new MembershipMonitor(config, events);
            monitor.start();
            started.onExit().thenAccept(code -> exited(started, code));
            RunningMembers.add(this);
            LOG.info("etcd member '{}' ready at {} ({}, etcd {}, pid {}, data dir {}, {} ms)", config.name(),
                    config.advertiseClientUrls(), restart ? "restarted" : join.isPresent() ? "joined as learner" : "new cluster",
                    binary.version(), started.handle().pid(), config.dataDir(), (System.nanoTime() - began) / 1_000_000);
            return this;
        } catch (RuntimeException e) {
            state.clearEtcd();
            state.close();
            throw e;
        }
    }

    /** A tombstoned data dir is moved aside; the member must then join again. */
    private DataDirState clearTombstone(DataDirState state, boolean willJoin) {
        Optional<Tombstone> tombstone = Tombstone.load(state);
        if (tombstone.isEmpty()) {
            return state;
        }
        state.close();
        Path moved = RemovedData.moveAside(config.dataDir());
        if (config.walDir() != null && java.nio.file.Files.exists(config.walDir())) {
            RemovedData.moveAside(config.walDir());
        }
        if (!willJoin) {
            throw new MemberRemovedException("Member '" + config.name() + "' was removed from its cluster ("
                    + tombstone.get().removedAt() + "), so its data dir must not be reused: the old data was moved to "
                    + moved + ". Join the cluster again with join(endpoints), or set embedded.join-endpoints.", moved);
        }
        return DataDirState.acquire(config.dataDir());
    }

    private void awaitVoter() {
        long deadline = System.nanoTime() + config.joinTimeout().toNanos();
        ClusterCalls calls = runningMonitor().calls();
        while (System.nanoTime() < deadline) {
            try {
                if (!calls.status(config.advertiseClientUrls().get(0)).learner()) {
                    return;
                }
            } catch (ClusterCallException notNow) {
                LOG.debug("status of joining member '{}': {}", config.name(), notNow.getMessage());
            }
            Pause.sleep(config.promotionCheckInterval(), "waiting for member '" + config.name() + "' to be promoted");
        }
        close();
        throw new EmbeddedEtcdException("Member '" + config.name() + "' joined as a learner but was not promoted within "
                + config.joinTimeout().toMillis() + " ms (embedded.join-timeout); it was stopped and stays registered, "
                + "so the next join reuses it. Promotion is done by the cluster's leader when its auto-promote is on; "
                + "check that the leader runs embedded-etcd with auto-promote, or promote it with promote(\""
                + config.name() + "\").");
    }

    /**
     * The members of this member's cluster: ids, names, URLs, learner and leader flags, and, where
     * each answered within {@code embedded.request-timeout}, raft term/index, version and DB size.
     */
    public List<Member> members() {
        return onCluster(MembershipOperations::members);
    }

    /**
     * Removes the member with this name. An unknown name is an error listing the members.
     * Removing this member itself stops it and tombstones its data dir.
     *
     * @throws EmbeddedEtcdException when no member has that name, or etcd refuses (quorum)
     */
    public void remove(String name) {
        remove(onCluster(calls -> MembershipOperations.byName(calls, name)).id());
    }

    /** Removes the member with this id; a member already gone counts as done. */
    public void remove(long memberId) {
        boolean self = monitorLocalId() == memberId;
        if (self) {
            removedFromCluster = true;
        }
        try {
            onCluster(calls -> MembershipOperations.remove(calls, memberId));
        } catch (RuntimeException e) {
            removedFromCluster = false;
            throw e;
        }
        if (self) {
            awaitOwnExitAfterRemoval();
        }
    }

    /** Promotes the learner with this name (for clusters run with {@code auto-promote: false}). */
    public void promote(String name) {
        onCluster(calls -> {
            MembershipOperations.promote(calls, MembershipOperations.byName(calls, name), config.joinTimeout());
            return null;
        });
    }

    /** Whether this member is currently a learner (not yet promoted). */
    public boolean isLearner() {
        return onCluster(calls -> calls.status(config.advertiseClientUrls().get(0)).learner());
    }

    private <T> T onCluster(Function<ClusterCalls, T> operation) {
        MembershipMonitor current = runningMonitor();
        try {
            return operation.apply(current.calls());
        } catch (ClusterCallException e) {
            List<URI> voters = voterUrls(current);
            if (!current.isLearner() || voters.isEmpty()) {
                throw e;
            }
            try (ClusterCalls remote = ClusterCalls.connect(voters, config.requestTimeout())) {
                return operation.apply(remote);
            }
        }
    }

    private List<URI> voterUrls(MembershipMonitor current) {
        List<URI> urls = current.latest().map(s -> s.members().values().stream()
                .filter(m -> !m.learner()).flatMap(m -> m.clientUrls().stream()).toList()).orElse(List.of());
        return urls.isEmpty() ? joinedThrough : urls;
    }

    private void awaitOwnExitAfterRemoval() {
        CompletableFuture<Void> done;
        EtcdProcess current;
        synchronized (this) {
            done = terminated;
            current = process;
        }
        try {
            done.get(EXIT_AFTER_REMOVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("etcd member '{}' still runs {} s after its removal; stopping it", config.name(),
                    EXIT_AFTER_REMOVAL.toSeconds());
            if (current != null) {
                current.kill();
            }
            done.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new EmbeddedEtcdException("Stopping removed member '" + config.name() + "' failed", e.getCause());
        }
    }

    /**
     * A jetcd client for this member's cluster, built on first use and closed with the member. Its
     * endpoints are the cluster's voters when it is built (never a learner); it never waits for a
     * dead endpoint ({@code waitForReady(false)}): put a deadline on each call.
     */
    public synchronized Client client() {
        MembershipMonitor current = runningMonitor();
        if (client == null) {
            List<URI> endpoints = current.isLearner() ? voterUrls(current) : voterUrls(current).isEmpty()
                    ? config.advertiseClientUrls() : voterUrls(current);
            client = Client.builder()
                    .endpoints(endpoints.toArray(URI[]::new))
                    .waitForReady(false)
                    .connectTimeout(config.requestTimeout())
                    .build();
        }
        return client;
    }

    /**
     * Completes when the current run of this member ends for any reason: {@link #close()}, removal
     * from the cluster, or etcd exiting on its own. Already complete when not running.
     */
    public synchronized CompletableFuture<Void> onStop() {
        return terminated.copy();
    }

    /** Whether this member led the cluster at its last membership poll (at most one poll interval old). */
    public synchronized boolean isLeader() {
        return monitor != null && monitor.latest().map(s -> s.leaderId() != 0 && s.leaderId() == s.localId()).orElse(false);
    }

    /**
     * Stops several members of one cluster quickly: each time the current leader first, so that it
     * hands leadership to a member that still runs instead of waiting for absent ones (etcd's
     * graceful stop of a leader whose peers are gone takes seconds).
     */
    public static void closeAll(Collection<EmbeddedEtcd> members) {
        List<EmbeddedEtcd> remaining = new ArrayList<>(members);
        remaining.removeIf(m -> !m.isRunning());
        while (!remaining.isEmpty()) {
            EmbeddedEtcd next = awaitLeader(remaining).orElse(remaining.get(0));
            next.close();
            remaining.remove(next);
        }
    }

    /** The running leader among these members, waiting up to a few election timeouts for one to emerge. */
    private static Optional<EmbeddedEtcd> awaitLeader(List<EmbeddedEtcd> members) {
        long waitMillis = 3L * members.stream().map(m -> m.config.electionTimeoutMillis()).filter(Objects::nonNull)
                .findFirst().orElse(1000);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            Optional<EmbeddedEtcd> leader = members.stream().filter(EmbeddedEtcd::isLeader).findFirst();
            if (leader.isPresent() || members.size() == 1 || System.nanoTime() > deadline) {
                return leader;
            }
            Pause.sleep(Duration.ofMillis(20), "waiting for a leader among the members being stopped");
        }
    }

    /** The effective configuration, defaults filled in. */
    public EtcdConfig config() {
        return config;
    }

    /** This member's name. */
    public String name() {
        return config.name();
    }

    /** The client URLs this member advertises. */
    public List<URI> clientEndpoints() {
        return config.advertiseClientUrls();
    }

    /** The etcd binary in use; null before the first start. */
    public synchronized EtcdBinary binary() {
        return binary;
    }

    /** Whether the etcd process is running. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The pid of the etcd process. */
    public synchronized long pid() {
        requireRunning();
        return process.handle().pid();
    }

    /**
     * Ends etcd at once with SIGKILL, as a crash would (for fault-injection tests); the data dir
     * stays as etcd left it, and {@link #start()} restarts the member from it.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        stopping = true;
        stopRuntime();
        process.kill();
        LOG.info("etcd member '{}' killed (SIGKILL)", config.name());
        release();
    }

    /**
     * Stops etcd: closes the client, sends SIGTERM, waits up to {@code embedded.stop-timeout},
     * then SIGKILL. Idempotent; the member can be started again afterwards.
     */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        stopping = true;
        stopRuntime();
        int code = process.stop(config.stopTimeout());
        LOG.info("etcd member '{}' stopped (exit code {})", config.name(), code);
        release();
    }

    private void exited(EtcdProcess which, int code) {
        synchronized (this) {
            if (which != process || stopping) {
                return;
            }
            if (removedFromCluster) {
                Member self = monitor.latest().flatMap(MembershipMonitor.Snapshot::local).orElseGet(this::selfDescription);
                new Tombstone(self.id(), config.name(), Instant.now().toString()).save(dataDirState);
                LOG.warn("etcd member '{}' was removed from the cluster and has stopped; its data dir {} is marked "
                        + "removed and will be moved aside at the next start", config.name(), config.dataDir());
                events.fire("this member removed", l -> l.thisMemberRemoved(self));
            } else {
                LOG.error("etcd member '{}' exited unexpectedly with code {}. Last lines:\n  {}", config.name(), code,
                        String.join("\n  ", which.output().recentLines()));
            }
            stopRuntime();
            release();
        }
    }

    private Member selfDescription() {
        return new Member(monitorLocalId(), config.name(), config.initialAdvertisePeerUrls(),
                config.advertiseClientUrls(), false, false, Optional.empty());
    }

    private synchronized long monitorLocalId() {
        return monitor == null ? 0 : monitor.latest().map(MembershipMonitor.Snapshot::localId).orElse(0L);
    }

    private void stopRuntime() {
        monitor.close();
        events.close();
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void release() {
        dataDirState.clearEtcd();
        dataDirState.close();
        dataDirState = null;
        process = null;
        RunningMembers.remove(this);
        terminated.complete(null);
    }

    private synchronized MembershipMonitor runningMonitor() {
        requireRunning();
        return monitor;
    }

    private void requireRunning() {
        if (process == null) {
            throw new IllegalStateException("etcd member '" + config.name() + "' is not running; call start() first");
        }
    }

    private void requireNotRunning() {
        if (process != null) {
            throw new IllegalStateException("etcd member '" + config.name() + "' is already running");
        }
    }


    @Override
    public String toString() {
        return "EmbeddedEtcd{" + config.name() + " " + config.advertiseClientUrls() + "}";
    }

    /**
     * Configures a member. Settings apply in this order: the config file (or a given
     * {@link EtcdConfig}), then each {@link #configure} step, then the shortcuts on this builder.
     */
    public static final class Builder {
        private Path file;
        private EtcdConfig base;
        private final List<Consumer<EtcdConfig.Builder>> steps = new ArrayList<>();
        private final List<MembershipListener> listeners = new ArrayList<>();
        private boolean serviceLoaderListeners = true;

        private Builder() {
        }

        /** Reads etcd's YAML config keys (and an {@code embedded:} section) from this file. */
        public Builder config(Path configFile) {
            this.file = Objects.requireNonNull(configFile, "configFile");
            this.base = null;
            return this;
        }

        /** Starts from a config built in code. */
        public Builder config(EtcdConfig config) {
            this.base = Objects.requireNonNull(config, "config");
            this.file = null;
            return this;
        }

        /** Changes settings in code, e.g. {@code configure(c -> c.name("node-1").dataDir(dir))}. */
        public Builder configure(Consumer<EtcdConfig.Builder> step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /** The etcd binary to run (else {@code ETCD_BINARY}, then {@code PATH}). */
        public Builder binary(Path etcdBinary) {
            return configure(c -> c.binary(etcdBinary));
        }

        /** Whether learners are promoted automatically (default true). */
        public Builder autoPromote(boolean autoPromote) {
            return configure(c -> c.autoPromote(autoPromote));
        }

        /** Adds a listener for membership events, next to those found by {@link ServiceLoader}. */
        public Builder listener(MembershipListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Whether to add the listeners registered through {@link ServiceLoader} (default true). */
        public Builder serviceLoaderListeners(boolean use) {
            this.serviceLoaderListeners = use;
            return this;
        }

        /**
         * Reads and checks the configuration; starts nothing.
         *
         * @throws io.github.embeddedetcd.config.ConfigException naming file, line and key of a bad setting
         */
        public EmbeddedEtcd build() {
            EtcdConfig.Builder config = file != null ? ConfigFile.read(file)
                    : base != null ? base.toBuilder() : EtcdConfig.builder();
            steps.forEach(step -> step.accept(config));
            List<MembershipListener> all = new ArrayList<>(listeners);
            if (serviceLoaderListeners) {
                ServiceLoader.load(MembershipListener.class).forEach(all::add);
            }
            return new EmbeddedEtcd(config.build(), new BinaryResolver(System.getenv()), all);
        }
    }
}
