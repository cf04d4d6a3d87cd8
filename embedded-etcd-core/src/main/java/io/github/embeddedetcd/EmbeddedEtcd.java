/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.config.ConfigException;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.ForceNewCluster;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.internal.binary.BinaryResolver;
import io.github.embeddedetcd.internal.cluster.PeerList;
import io.github.embeddedetcd.internal.datadir.DataDir;
import io.github.embeddedetcd.internal.datadir.JoinRecord;
import io.github.embeddedetcd.internal.snapshot.SnapshotFiles;
import io.github.embeddedetcd.internal.snapshot.SnapshotSchedule;
import io.github.embeddedetcd.internal.upkeep.UpkeepSchedule;
import io.github.embeddedetcd.snapshot.ScheduledSnapshots;
import io.github.embeddedetcd.snapshot.Snapshot;
import io.github.embeddedetcd.snapshot.SnapshotException;
import io.github.embeddedetcd.upkeep.Upkeep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An etcd member that lives and dies with this JVM: a real {@code etcd} child process, started,
 * health-checked, logged through SLF4J and stopped by this object, never left behind.
 *
 * <pre>{@code
 * try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(Path.of("config.yaml")).start()) {
 *     etcd.client().getKVClient().put(key, value).get(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 *
 * <p>{@link #start()} bootstraps a new cluster, or restarts the member whose data dir is already
 * bootstrapped. {@link #join(URI...)} adds this member to an existing cluster as a learner; the
 * cluster's leader promotes it once it has caught up. {@link #close()} stops etcd (SIGTERM, bounded
 * wait, then SIGKILL). A member can be started again after it stopped. Thread-safe.
 */
public final class EmbeddedEtcd implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEtcd.class);
    /** Beyond the timeouts, how long a stop waits for a start under way to unwind (it may check a binary's version). */
    private static final Duration UNWIND_MARGIN = Duration.ofSeconds(20);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(1);

    private final EtcdConfig config;
    private final BinaryResolver binaryResolver;
    private final List<MembershipListener> listeners;
    private final Lifecycle lifecycle;
    private final ClusterOperations cluster;
    private volatile EtcdBinary binary;

    private EmbeddedEtcd(EtcdConfig config, BinaryResolver binaryResolver, List<MembershipListener> listeners) {
        this.config = config;
        this.binaryResolver = binaryResolver;
        this.listeners = List.copyOf(listeners);
        this.lifecycle = new Lifecycle(this, config.stopTimeout().plus(config.requestTimeout().multipliedBy(2))
                .plus(UNWIND_MARGIN));
        this.cluster = new ClusterOperations(config, lifecycle);
    }

    /** A builder for a member; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts etcd and returns once it is healthy: restarts a bootstrapped data dir as the same
     * member, resumes a recorded join, joins through {@code embedded.join-endpoints} (or the other
     * {@code embedded.peer-endpoints}, unless it is the first one listed) when set, or else
     * bootstraps a new cluster from {@code initial-cluster} — after asking its peers whether that
     * cluster runs already, and joining it if so. A member that joins returns once promoted, as
     * {@link #join} does. A member that etcd finds removed from its cluster (e.g. after a reset to
     * another member) joins again through those endpoints, its old data moved aside; a lost data
     * dir whose member is still registered replaces that registration
     * ({@code embedded.rejoin-after-data-loss}).
     *
     * @return this, for try-with-resources chaining
     * @throws EtcdStartException      when etcd exits or is not healthy within {@code embedded.start-timeout}
     * @throws MemberRemovedException  when this member was removed from its cluster and no join endpoints are set
     * @throws JoinTimeoutException    when a join does not complete, or is not promoted, within {@code embedded.join-timeout}
     * @throws EtcdBinaryException     when no usable etcd binary is found
     * @throws EmbeddedEtcdException   when the data dir or ports are not usable, a reset
     *                                 ({@code embedded.force-new-cluster}) is refused, or close() cut the start short
     * @throws IllegalStateException   when already running or starting
     */
    public EmbeddedEtcd start() {
        if (launch(PeerList.joinVia(config)).plan().joins()) {
            awaitPromotion();
        }
        return this;
    }

    /**
     * Joins the cluster that these client URLs belong to: adds this member as a learner (reusing
     * one registered earlier with this peer URL that never started), starts it, and — with
     * {@code auto-promote} and {@code await-promotion} on — returns once the leader has promoted it.
     * A data dir that is already bootstrapped is simply restarted. etcd allows one learner at a time,
     * so concurrent joins queue up with backoff until {@code embedded.join-timeout}.
     *
     * @return this, running
     * @throws JoinTimeoutException  when the member could not be added, or was not promoted, in time
     * @throws EtcdStartException    when etcd exits or is not healthy in time
     */
    public EmbeddedEtcd join(URI... endpoints) {
        if (endpoints.length == 0) {
            throw new IllegalArgumentException("join needs the client URL of at least one existing member");
        }
        launch(List.of(endpoints));
        awaitPromotion();
        return this;
    }

    private void awaitPromotion() {
        if (config.autoPromote() && config.awaitPromotion()) {
            new PromotionWait(config, lifecycle, cluster).await(this::close);
        }
    }

    /**
     * Registers this member as a learner without starting it (the two-step join): the join is
     * recorded in the data dir, and a later {@link #start()} starts it as a member of that cluster.
     *
     * @return the member id and {@code initial-cluster} of the registration
     * @throws JoinTimeoutException  when the member could not be added in time
     * @throws EmbeddedEtcdException when the data dir is already bootstrapped (start it instead)
     */
    public JoinRegistration register(URI... endpoints) {
        if (endpoints.length == 0) {
            throw new IllegalArgumentException("register needs the client URL of at least one existing member");
        }
        JoinRecord record = lifecycle.withoutRun(cancellation ->
                new MemberStart(config, null, listeners, cancellation).register(List.of(endpoints)));
        return new JoinRegistration(record.memberId(), record.initialCluster(), record.endpoints());
    }

    private MemberRun launch(List<URI> joinVia) {
        long began = System.nanoTime();
        MemberRun run = lifecycle.start(cancellation -> {
            binary = binaryResolver.resolve(config.binary());
            return new MemberStart(config, binary, listeners, cancellation).run(joinVia, lifecycle::endedByItself);
        });
        LOG.info("etcd member '{}' ready at {} ({}, etcd {}, pid {}, data dir {}, {} ms)", config.name(),
                config.advertiseClientUrls(), run.plan().description(), binary.version(),
                run.process().handle().pid(), config.dataDir(), (System.nanoTime() - began) / 1_000_000);
        return run;
    }

    /**
     * The members of this member's cluster: ids, names, URLs, learner and leader flags, and, where
     * each answered within {@code embedded.request-timeout}, raft term/index, version and DB size.
     *
     * @throws IllegalStateException when this member is not running
     */
    public List<Member> members() {
        return cluster.members();
    }

    /**
     * Removes the member with this name; when it is this member, it stops and its data dir is
     * tombstoned (the next start must join again). A refusal for "unhealthy cluster" is retried
     * for {@code embedded.reconfig-timeout}.
     *
     * @throws MemberNotFoundException listing the members when none has this name
     * @throws QuorumRefusedException  when etcd refuses to protect its quorum
     */
    public void remove(String name) {
        cluster.remove(name);
    }

    /** Removes the member with this id, as {@link #remove(String)}; a member already gone counts as done. */
    public void remove(long memberId) {
        cluster.remove(memberId);
    }

    /**
     * Promotes the learner with this name (for clusters run with {@code auto-promote: false}),
     * retrying while it catches up, up to {@code embedded.join-timeout}; a voter counts as done.
     *
     * @throws MemberNotFoundException listing the members when none has this name
     */
    public void promote(String name) {
        cluster.promote(name);
    }

    /**
     * The members as this member's last membership poll saw them (leader flagged, no raft status),
     * without asking etcd: cheap enough for health checks and metrics. Empty when not running.
     */
    public List<Member> knownMembers() {
        return cluster.knownMembers();
    }

    /** Whether this member was a learner (not yet promoted) at its last membership poll. */
    public boolean isLearner() {
        return cluster.isLearner();
    }

    /**
     * Whether this member led the cluster at its last membership poll (at most one poll interval
     * old; a poll follows every leader change etcd logs). False when not running.
     */
    public boolean isLeader() {
        return cluster.isLeader();
    }

    /**
     * A jetcd client for this member's cluster, built on first use and closed with the member. Its
     * endpoints are the cluster's voters as of the last membership poll (never a learner); it never
     * waits for a dead endpoint ({@code waitForReady(false)}): put a deadline on each call.
     */
    public Client client() {
        return cluster.client();
    }

    /**
     * Saves a snapshot of this member's data to {@code file}, in {@code etcdctl snapshot save}'s
     * format, with its metadata next to it ({@link Snapshot#metadataFile}). The file appears only
     * complete and checked (etcd's SHA-256, a readable database), written through to disk; a file
     * already there is replaced only then.
     *
     * @throws IllegalStateException when this member is not running
     * @throws SnapshotException     saying what failed and what to do; nothing is left at {@code file}
     */
    public Snapshot snapshot(Path file) {
        MemberRun run = lifecycle.requireRunning();
        return SnapshotFiles.save(config.advertiseClientUrls().get(0), run.calls().access(), file);
    }

    /**
     * How this member's scheduled snapshots go ({@code embedded.snapshot-interval}): what it saved
     * and failed to save since it started, and the newest snapshot of its cluster in its snapshot
     * dir. Counts are zero and {@code newest} empty while it does not run.
     */
    public ScheduledSnapshots scheduledSnapshots() {
        return lifecycle.running().flatMap(MemberRun::scheduledSnapshots)
                .orElseGet(() -> SnapshotSchedule.notRunning(config));
    }

    /**
     * What this member's upkeep saw at its last check ({@code embedded.upkeep-interval}): the
     * cluster's alarms, this member's database size against its quota, and the defragmentations
     * and NOSPACE clearances it made. Empty sizes and no alarms while it does not run.
     */
    public Upkeep upkeep() {
        return lifecycle.running().map(MemberRun::upkeep).orElseGet(() -> UpkeepSchedule.notRunning(config));
    }

    /**
     * Completes when the current run of this member ends for any reason — {@link #close()}, removal
     * from the cluster, or etcd exiting on its own — and the member is stopped (it can be started
     * again from a callback). Already complete when not running.
     */
    public CompletableFuture<Void> onStop() {
        return lifecycle.stopped();
    }

    /**
     * Stops several members of one cluster quickly: each time the current leader first, so that it
     * hands leadership to a member that still runs instead of waiting for absent ones (etcd's
     * graceful stop of a leader whose peers are gone takes seconds). A failure to stop one member
     * does not keep the others running; the first failure is thrown at the end.
     */
    public static void closeAll(Collection<EmbeddedEtcd> members) {
        LeaderFirstClose.closeAll(members);
    }

    /** Whether this member led at its last poll, also while it is being stopped. */
    boolean ledAtLastPoll() {
        return cluster.ledAtLastPoll();
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
    public EtcdBinary binary() {
        return binary;
    }

    /**
     * Whether this member runs and etcd answers {@code /health} with healthy (it has a leader and
     * no alarm); asks etcd, within one second.
     */
    public boolean isHealthy() {
        return cluster.isHealthy(HEALTH_TIMEOUT);
    }

    /** Whether this member runs: started, and etcd has not exited. */
    public boolean isRunning() {
        return lifecycle.running().map(run -> run.process().isAlive()).orElse(false);
    }

    /**
     * The pid of the etcd process.
     *
     * @throws IllegalStateException when not running
     */
    public long pid() {
        return lifecycle.requireRunning().process().handle().pid();
    }

    /**
     * Ends etcd at once with SIGKILL, as a crash would (for fault-injection tests); the data dir
     * stays as etcd left it, and {@link #start()} restarts the member from it.
     */
    public void kill() {
        lifecycle.stop(MemberRun::kill);
    }

    /**
     * Stops etcd: closes the client, sends SIGTERM, waits up to {@code embedded.stop-timeout},
     * then SIGKILL. A start in progress is cut short; a stop in progress is waited for. Idempotent;
     * the member can be started again.
     */
    @Override
    public void close() {
        lifecycle.stop(MemberRun::stop);
    }

    /**
     * Deletes this member's data dir (and its {@code wal-dir}): all it stored, and the library's
     * records. For a member that will never run again — one removed from its cluster, a test's.
     *
     * @throws IllegalStateException when the member is not stopped
     * @throws EmbeddedEtcdException naming the file that could not be deleted
     */
    public void deleteData() {
        if (!(lifecycle.state() instanceof Lifecycle.Stopped)) {
            throw new IllegalStateException("etcd member '" + name() + "' is not stopped; close() it before deleting "
                    + "its data");
        }
        lifecycle.withoutRun(cancellation -> {
            DataDir.delete(name(), config.dataDir(), config.walDir());
            return null;
        });
    }

    /** Where the member is in its life (for tests of the lifecycle). */
    Lifecycle.State state() {
        return lifecycle.state();
    }

    @Override
    public String toString() {
        return "EmbeddedEtcd{" + config.name() + " " + config.advertiseClientUrls() + "}";
    }

    /**
     * Configures a member. Settings apply in this order: the config file (or a given
     * {@link EtcdConfig}), then each {@link #configure} step, then the shortcuts on this builder.
     * {@link #start()} and {@link #join(URI...)} build and run the member in one call.
     */
    public static final class Builder {
        private ConfigFile file;
        private EtcdConfig base;
        private final List<Consumer<EtcdConfig.Builder>> steps = new ArrayList<>();
        private final List<MembershipListener> listeners = new ArrayList<>();
        private boolean serviceLoaderListeners = true;

        private Builder() {
        }

        /**
         * Reads etcd's YAML config keys (and an {@code embedded:} section) from this file.
         *
         * @throws ConfigException naming file, line and key of a bad setting
         */
        public Builder config(Path configFile) {
            return config(ConfigFile.read(Objects.requireNonNull(configFile, "configFile")));
        }

        /** Starts from a config file already read (e.g. with the application's own keys). */
        public Builder config(ConfigFile configFile) {
            this.file = Objects.requireNonNull(configFile, "configFile");
            this.base = null;
            return this;
        }

        /** Starts from a config built in code; its defaults are derived afresh from what it set. */
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

        /**
         * At the first start, builds a new one-member cluster from this snapshot in the (empty) data
         * dir, with a new cluster id; other members then join it ({@code embedded.restore-from}).
         * A later start on the restored data dir starts on it.
         */
        public Builder restore(Path snapshot) {
            return configure(c -> c.set(Settings.RESTORE_FROM, snapshot));
        }

        /**
         * Recovery from a lost majority: the next start resets the cluster to this member alone, on
         * its own data, once; refused while a majority of the old members still answers
         * ({@code embedded.force-new-cluster: if-majority-lost}). The other members then join it.
         */
        public Builder forceNewCluster() {
            return configure(c -> c.set(Settings.FORCE_NEW_CLUSTER, ForceNewCluster.IF_MAJORITY_LOST));
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
         * Checks the configuration and returns the member, not started. The builder can be
         * changed and built again; each member keeps the settings it was built with.
         *
         * @throws ConfigException naming file, line and key of a bad setting
         */
        public EmbeddedEtcd build() {
            EtcdConfig.Builder config = file != null ? file.settings()
                    : base != null ? base.toBuilder() : EtcdConfig.builder();
            steps.forEach(step -> step.accept(config));
            List<MembershipListener> all = new ArrayList<>(listeners);
            if (serviceLoaderListeners) {
                ServiceLoader.load(MembershipListener.class).forEach(all::add);
            }
            return new EmbeddedEtcd(config.build(), new BinaryResolver(System.getenv()), all);
        }

        /**
         * Builds the member and starts it: {@code EmbeddedEtcd.builder().config(path).start()}.
         *
         * @see EmbeddedEtcd#start()
         */
        public EmbeddedEtcd start() {
            return build().start();
        }

        /**
         * Builds the member and joins it to the cluster at these client URLs.
         *
         * @see EmbeddedEtcd#join(URI...)
         */
        public EmbeddedEtcd join(URI... endpoints) {
            return build().join(endpoints);
        }
    }
}
