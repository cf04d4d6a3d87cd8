package io.github.embeddedetcd;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.binary.BinaryResolver;
import io.github.embeddedetcd.binary.EtcdBinary;
import io.github.embeddedetcd.cluster.ClusterCallException;
import io.github.embeddedetcd.cluster.ClusterCalls;
import io.github.embeddedetcd.cluster.JoinRecord;
import io.github.embeddedetcd.cluster.Joiner;
import io.github.embeddedetcd.cluster.MembershipMonitor;
import io.github.embeddedetcd.cluster.MembershipOperations;
import io.github.embeddedetcd.cluster.Pause;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.process.DataDirState;
import io.github.embeddedetcd.process.EtcdOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    private static final Duration EXIT_AFTER_REMOVAL = Duration.ofSeconds(10);

    /** Where a member is in its life; a member cycles through these any number of times. */
    private enum Phase { STOPPED, STARTING, RUNNING, STOPPING }

    private final EtcdConfig config;
    private final BinaryResolver binaryResolver;
    private final List<MembershipListener> listeners;

    private Phase phase = Phase.STOPPED;
    private MemberRun run;
    private Cancellation cancellation = new Cancellation();
    private EtcdBinary binary;

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
     * @throws EmbeddedEtcdException   when the binary, data dir or ports are not usable, or close() cut the start short
     * @throws IllegalStateException   when already running or starting
     */
    public EmbeddedEtcd start() {
        return launch(config.joinEndpoints());
    }

    /**
     * Joins the cluster that these client URLs belong to: adds this member as a learner (reusing
     * one registered earlier with this peer URL that never started), starts it, and — with
     * {@code auto-promote} and {@code await-promotion} on — returns once the leader has promoted it.
     * A data dir that is already bootstrapped is simply restarted. etcd allows one learner at a time,
     * so concurrent joins queue up with backoff until {@code embedded.join-timeout}.
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
    public JoinRecord register(URI... endpoints) {
        Cancellation cancel = begin();
        DataDirState state = null;
        try {
            state = MemberRun.clearTombstone(config, DataDirState.acquire(config.dataDir()), true);
            if (DataDirState.isBootstrapped(config.dataDir(), config.walDir())) {
                throw new EmbeddedEtcdException("Member '" + config.name() + "' is already part of a cluster (data dir "
                        + config.dataDir() + " is bootstrapped); start it instead of joining again.");
            }
            JoinRecord record = Joiner.register(config, List.of(endpoints), cancel::isRequested);
            record.save(state);
            return record;
        } finally {
            if (state != null) {
                state.close();
            }
            settle(null);
        }
    }

    private EmbeddedEtcd launch(List<URI> joinVia) {
        Cancellation cancel = begin();
        long began = System.nanoTime();
        MemberRun started = null;
        try {
            binary = binaryResolver.resolve(config.binary());
            started = MemberRun.start(config, binary, listeners, joinVia, cancel, this::endedByItself);
        } catch (RuntimeException e) {
            settle(null);
            throw cancel.isRequested() ? new EmbeddedEtcdException("Start of member '" + config.name()
                    + "' was cut short by close()", e) : e;
        }
        settle(started);
        RunningMembers.add(this);
        LOG.info("etcd member '{}' ready at {} ({}, etcd {}, pid {}, data dir {}, {} ms)", config.name(),
                config.advertiseClientUrls(), started.startedAs(), binary.version(), started.process().handle().pid(),
                config.dataDir(), (System.nanoTime() - began) / 1_000_000);
        return this;
    }

    /** Enters STARTING; the returned cancellation lets close() cut the start short. */
    private synchronized Cancellation begin() {
        if (phase != Phase.STOPPED) {
            throw new IllegalStateException("etcd member '" + config.name() + "' is already "
                    + phase.name().toLowerCase(java.util.Locale.ROOT));
        }
        phase = Phase.STARTING;
        cancellation = new Cancellation();
        return cancellation;
    }

    /** Leaves STARTING: RUNNING with this run, or STOPPED when null (a run started after close() is stopped). */
    private void settle(MemberRun started) {
        boolean cancelled;
        boolean endedAlready = started != null && started.ended().isDone();
        synchronized (this) {
            cancelled = cancellation.isRequested();
            run = cancelled || endedAlready ? null : started;
            phase = run != null ? Phase.RUNNING : Phase.STOPPED;
            notifyAll();
        }
        if (cancelled && started != null) {
            started.stop(config.stopTimeout());
            throw new EmbeddedEtcdException("Start of member '" + config.name() + "' was cut short by close()");
        }
        if (endedAlready) {
            throw new EmbeddedEtcdException("etcd member '" + config.name() + "' exited right after it became ready; "
                    + "see its log lines (logger '" + EtcdOutput.LOGGER_PREFIX + config.name() + "').");
        }
    }

    private void awaitVoter() {
        long deadline = System.nanoTime() + config.joinTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            MembershipMonitor monitor = currentRun().monitor();
            if (monitor.latest().isPresent() && !monitor.isLearner()) {
                return;
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
        Member member = onCluster(calls -> MembershipOperations.byName(calls, name));
        removeMember(member.id(), name.equals(config.name()));
    }

    /** Removes the member with this id; a member already gone counts as done. */
    public void remove(long memberId) {
        removeMember(memberId, memberId == localId());
    }

    private void removeMember(long memberId, boolean self) {
        MemberRun current = currentRun();
        current.expectRemoval(self);
        try {
            onCluster(calls -> MembershipOperations.remove(calls, memberId));
        } catch (RuntimeException e) {
            current.expectRemoval(false);
            throw e;
        }
        if (self) {
            current.awaitExitAfterRemoval(EXIT_AFTER_REMOVAL);
            endedByItself(current);
        }
    }

    /** Promotes the learner with this name (for clusters run with {@code auto-promote: false}). */
    public void promote(String name) {
        onCluster(calls -> {
            MembershipOperations.promote(calls, MembershipOperations.byName(calls, name), config.joinTimeout());
            return null;
        });
    }

    /** Whether this member is currently a learner (not yet promoted); asks etcd. */
    public boolean isLearner() {
        return onCluster(calls -> calls.status(config.advertiseClientUrls().get(0)).learner());
    }

    /** This member's id, from the last membership poll or else from etcd. */
    private long localId() {
        MemberRun current = currentRun();
        return current.monitor().latest().map(MembershipMonitor.Snapshot::localId)
                .orElseGet(() -> onCluster(calls -> calls.status(config.advertiseClientUrls().get(0)).memberId()));
    }

    private <T> T onCluster(Function<ClusterCalls, T> operation) {
        MemberRun current = currentRun();
        try {
            return operation.apply(current.monitor().calls());
        } catch (ClusterCallException e) {
            List<URI> voters = voterUrls(current);
            if (!current.monitor().isLearner() || voters.isEmpty()) {
                throw e;
            }
            return operation.apply(ClusterCalls.connect(voters, config.requestTimeout()));
        }
    }

    /** Client URLs of the voters as last seen, else those this member joined through. */
    private static List<URI> voterUrls(MemberRun run) {
        List<URI> urls = run.monitor().latest().map(s -> s.members().values().stream()
                .filter(m -> !m.learner()).flatMap(m -> m.clientUrls().stream()).toList()).orElse(List.of());
        return urls.isEmpty() ? run.joinedThrough() : urls;
    }

    /**
     * A jetcd client for this member's cluster, built on first use and closed with the member. Its
     * endpoints are the cluster's voters when it is built (never a learner); it never waits for a
     * dead endpoint ({@code waitForReady(false)}): put a deadline on each call.
     */
    public Client client() {
        MemberRun current = currentRun();
        List<URI> voters = voterUrls(current);
        return current.client(voters.isEmpty() ? config.advertiseClientUrls() : voters);
    }

    /**
     * Completes when the current run of this member ends for any reason: {@link #close()}, removal
     * from the cluster, or etcd exiting on its own. Already complete when not running.
     */
    public synchronized CompletableFuture<Void> onStop() {
        return run == null ? CompletableFuture.completedFuture(null) : run.ended().copy();
    }

    /** Whether this member led the cluster at its last membership poll (at most one poll interval old). */
    public boolean isLeader() {
        MemberRun current;
        synchronized (this) {
            current = run;
        }
        return current != null && current.monitor().latest()
                .map(s -> s.leaderId() != 0 && s.leaderId() == s.localId()).orElse(false);
    }

    /**
     * Stops several members of one cluster quickly: each time the current leader first, so that it
     * hands leadership to a member that still runs instead of waiting for absent ones (etcd's
     * graceful stop of a leader whose peers are gone takes seconds). A failure to stop one member
     * does not keep the others running; the first failure is thrown at the end.
     */
    public static void closeAll(Collection<EmbeddedEtcd> members) {
        List<EmbeddedEtcd> remaining = new ArrayList<>(members);
        remaining.removeIf(m -> !m.isRunning());
        RuntimeException failure = null;
        while (!remaining.isEmpty()) {
            EmbeddedEtcd next = awaitLeader(remaining).orElse(remaining.get(0));
            try {
                next.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            remaining.remove(next);
        }
        if (failure != null) {
            throw failure;
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
        return run != null && run.process().isAlive();
    }

    /** The pid of the etcd process. */
    public long pid() {
        return currentRun().process().handle().pid();
    }

    /**
     * Ends etcd at once with SIGKILL, as a crash would (for fault-injection tests); the data dir
     * stays as etcd left it, and {@link #start()} restarts the member from it.
     */
    public void kill() {
        MemberRun current = takeRunForStop();
        if (current != null) {
            try {
                current.kill();
            } finally {
                stopped(current);
            }
        }
    }

    /**
     * Stops etcd: closes the client, sends SIGTERM, waits up to {@code embedded.stop-timeout},
     * then SIGKILL. A start in progress is cut short. Idempotent; the member can be started again.
     */
    @Override
    public void close() {
        MemberRun current = takeRunForStop();
        if (current != null) {
            try {
                current.stop(config.stopTimeout());
            } finally {
                stopped(current);
            }
        }
    }

    /**
     * Takes the run out for stopping. A start in progress is cancelled and waited out, and a stop
     * in progress on another thread is waited for (both bounded), so close() returns when stopped.
     */
    private synchronized MemberRun takeRunForStop() {
        if (phase == Phase.STARTING) {
            cancellation.cancel();
        }
        long deadline = System.nanoTime() + config.requestTimeout().plus(config.stopTimeout()).toNanos();
        while ((phase == Phase.STARTING || phase == Phase.STOPPING) && System.nanoTime() < deadline) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (phase != Phase.RUNNING) {
            return null;
        }
        phase = Phase.STOPPING;
        return run;
    }

    /** The member is stopped, if this run is still its run (a newer start is left alone). */
    private void stopped(MemberRun ended) {
        synchronized (this) {
            if (run != ended) {
                return;
            }
            run = null;
            phase = Phase.STOPPED;
            notifyAll();
        }
        RunningMembers.remove(this);
    }

    /** A run that ended by itself (removal, crash): the member is stopped, unless a stop is under way. */
    private void endedByItself(MemberRun ended) {
        synchronized (this) {
            if (run != ended || phase != Phase.RUNNING) {
                return;
            }
        }
        stopped(ended);
    }

    private synchronized MemberRun currentRun() {
        if (phase != Phase.RUNNING || run == null) {
            throw new IllegalStateException("etcd member '" + config.name() + "' is not running; call start() first");
        }
        return run;
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
