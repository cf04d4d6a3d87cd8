/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.Credentials;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.recovery.Survivor;
import io.github.embeddedetcd.snapshot.Snapshot;
import io.github.embeddedetcd.testkit.internal.network.LoopbackNetwork;
import io.github.embeddedetcd.testkit.internal.network.NamespaceNetwork;
import io.github.embeddedetcd.testkit.internal.network.NodeNetwork;
import io.github.embeddedetcd.testkit.internal.resolver.ClusterEndpoint;
import io.github.embeddedetcd.testkit.internal.resolver.RunningClusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real multi-node etcd cluster for tests: nodes start in parallel from a static
 * {@code initial-cluster} (in an order that keeps etcd's bootstrap check from stalling), their
 * data lives in a temporary directory removed afterwards, and faults are one call away:
 * {@link #kill}, {@link #stop(TestNode)}, {@link #restart(TestNode)}, {@link #pause}, {@link #resume},
 * {@link #destroy} (its data lost too),
 * and with {@link Network#NAMESPACES} {@link #partition}, {@link #heal}, {@link #delay} and
 * {@link #loss}. Usable without JUnit:
 *
 * <pre>{@code
 * try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(3).start()) {
 *     cluster.client().getKVClient().put(key, value).get(5, TimeUnit.SECONDS);
 *     cluster.kill(cluster.leader());
 * }
 * }</pre>
 *
 * The lifecycle and accessors ({@link #start()}, {@link #stop()}, {@link #restart(long, TimeUnit)},
 * {@link #clientEndpoints()}, {@link #peerEndpoints()}, {@link #clusterName()}) are jetcd-launcher's
 * (see {@code testkit.jetcd.JetcdLauncherCluster}). While it runs, jetcd clients reach the cluster by
 * its name too: {@code Client.builder().target("cluster://" + cluster.clusterName())}. A closed
 * cluster can be started again: it starts afresh, with new data.
 */
public final class EtcdTestCluster implements AutoCloseable {

    /** Heartbeat interval of the fast raft timings used by default. */
    public static final int FAST_HEARTBEAT_MILLIS = 10;
    /** Election timeout of the fast raft timings used by default. */
    public static final int FAST_ELECTION_MILLIS = 100;
    /** The etcd flag that goes with the fast raft timings (see the builder's {@code fastTimings}). */
    public static final String NO_INITIAL_TICK_ADVANCE = "--initial-election-tick-advance=false";

    private static final Logger LOG = LoggerFactory.getLogger(EtcdTestCluster.class);
    private static final int START_ATTEMPTS = 3;

    private final ClusterSettings settings;
    private final String clusterName;
    private final List<TestNode> nodes = new CopyOnWriteArrayList<>();
    private final ClusterClients clients = new ClusterClients(NodeFactory.CALL_TIMEOUT, this::clientEndpoints);
    private final LeaderLookup leaders = new LeaderLookup(clients, this::nodes);
    private NodeNetwork network;
    private NodeFactory nodeFactory;
    private DataRoot dataRoot;
    private RunningClusters.Registration registration;
    private Security security = Security.NONE;
    private int nextIndex;
    /** Counts closes, so that a restart whose wait a close fell into does not start a new cluster. */
    private long closes;
    private volatile boolean keepData;
    /** Set while test classes share it (see {@link EtcdCluster#shared()}): faults and stops are refused. */
    private volatile boolean shared;

    private EtcdTestCluster(ClusterSettings settings) {
        this.settings = settings;
        this.clusterName = settings.clusterName() != null ? settings.clusterName()
                : "etcd-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the cluster and returns once every node is healthy (a leader is elected): a new
     * cluster, with new data, when it never ran or was closed; its stopped nodes on their data after
     * {@link #stop()}. On loopback, a port taken by another process meanwhile is retried with fresh ports.
     *
     * @throws IllegalStateException when nodes of it run already, or another running cluster has its name
     * @throws UnsupportedOperationException saying why, when {@link Network#NAMESPACES} cannot be set up here
     */
    public synchronized void start() {
        if (nodes.stream().anyMatch(TestNode::isRunning)) {
            throw new IllegalStateException("cluster " + clusterName + " is already started: " + nodes);
        }
        if (!nodes.isEmpty()) {
            Parallel.forEach(nodes, node -> node.member().start());
            publishEndpoints();
            return;
        }
        registration = RunningClusters.register(clusterName, this);
        try {
            network = settings.network() == Network.NAMESPACES ? NamespaceNetwork.create() : new LoopbackNetwork();
            dataRoot = DataRoot.create(clusterName);
            security = Security.create(settings, dataRoot.path());
            nodeFactory = new NodeFactory(settings, clusterName, network, security, dataRoot.path());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        clients.access(security.clientTls(), security.credentials().orElse(null));
        for (int attempt = 1; ; attempt++) {
            try {
                if (settings.restoreFrom() != null) {
                    bootstrapFromSnapshot();
                } else {
                    nodes.addAll(nodeFactory.initialNodes());
                    nextIndex = nodes.size();
                    BootstrapOrder.startAll(nodes);
                }
                if (settings.auth() && settings.restoreFrom() == null) {
                    security.enableAuthentication(clientEndpoints());
                }
                publishEndpoints();
                LOG.info("Test cluster {} is up: {}", clusterName, nodes);
                return;
            } catch (RuntimeException e) {
                if (attempt == START_ATTEMPTS || settings.network() != Network.LOOPBACK || !BootstrapOrder.failedOnTakenPort(e)) {
                    close();
                    throw e;
                }
                LOG.info("Port taken while starting cluster {} ({}); retrying with fresh ports", clusterName, e.getMessage());
                endNodes(false);
                nodes.clear();
                dataRoot.clear();
            }
        }
    }

    /** All nodes, in index order, including stopped ones. */
    public List<TestNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The node with this index (from 0). */
    public TestNode node(int index) {
        return nodes.stream().filter(n -> n.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cluster " + clusterName + " has no node " + index
                        + "; its nodes are " + nodes));
    }

    /**
     * The node that leads now, asked of every running node (a stale leader cut off by a partition
     * loses to the one with the higher term).
     *
     * @throws IllegalStateException when no node leads at this moment; see {@link #awaitLeader}
     */
    public TestNode leader() {
        return leaders.current().orElseThrow(() -> new IllegalStateException("no leader in cluster " + clusterName
                + " right now (nodes: " + nodes + "); use awaitLeader(timeout) after a fault"));
    }

    /** Waits until a node leads, and returns it. */
    public TestNode awaitLeader(Duration timeout) {
        return leaders.await(timeout).orElseThrow(() -> new IllegalStateException("no leader in cluster " + clusterName
                + " within " + timeout.toMillis() + " ms (nodes: " + nodes + ")"));
    }
    /** The running nodes other than the leader. */
    public List<TestNode> followers() {
        TestNode leader = leader();
        return nodes.stream().filter(n -> n != leader && n.isRunning()).toList();
    }

    /** Ends the node's etcd with SIGKILL, as a crash would. */
    public synchronized void kill(TestNode node) {
        requireOwn("kill " + node.name());
        node.member().kill();
        node.paused(false);
    }

    /** Stops the node gracefully (SIGTERM). */
    public synchronized void stop(TestNode node) {
        requireOwn("stop " + node.name());
        resume(node);
        node.member().close();
    }

    /** Stops the node if it runs, then starts it again on the same data dir. */
    public synchronized void restart(TestNode node) {
        requireOwn("restart " + node.name());
        stop(node);
        node.member().start();
    }

    /** Freezes the node's etcd with SIGSTOP: it holds its connections but answers nothing. */
    public synchronized void pause(TestNode node) {
        requireOwn("pause " + node.name());
        node.signal("STOP");
        node.paused(true);
    }

    /** Lets a paused node's etcd carry on (SIGCONT). */
    public synchronized void resume(TestNode node) {
        if (node.isPaused()) {
            node.signal("CONT");
            node.paused(false);
        }
    }

    /** Adds a node through the library's join: it starts as a learner and returns once promoted. */
    public synchronized TestNode addNode() {
        requireOwn("add a node");
        TestNode node = joinNode();
        publishEndpoints();
        return node;
    }

    private TestNode joinNode() {
        TestNode node = nodeFactory.joiningNode(nextIndex++);
        URI[] voters = nodes.stream().filter(n -> n.isRunning() && !n.isPaused()).map(TestNode::clientEndpoint)
                .toArray(URI[]::new);
        node.member().join(voters);
        nodes.add(node);
        return node;
    }

    /** The first node restores the snapshot as a one-member cluster; the others join it, one at a time. */
    private void bootstrapFromSnapshot() {
        TestNode first = nodeFactory.restoringNode(settings.restoreFrom());
        nodes.add(first);
        nextIndex = 1;
        first.member().start();
        while (nodes.size() < settings.nodes()) {
            joinNode();
        }
    }

    /**
     * Saves a snapshot of the cluster (from its first voter that answers) to {@code file}: see
     * {@link EmbeddedEtcd#snapshot}. {@link Builder#restoreFrom} builds a new cluster from it.
     */
    public Snapshot snapshot(Path file) {
        return clients.admin(clientEndpoints()).snapshot(file);
    }

    /**
     * Kills the node and deletes its data, as losing its host or its volume would; it stays in the
     * cluster's member list. Destroying a majority loses the cluster: rehearse its recovery.
     */
    public synchronized void destroy(TestNode node) {
        requireOwn("destroy " + node.name());
        node.member().kill();
        node.paused(false);
        node.member().deleteData();
    }

    /**
     * Brings back a cluster that lost its majority, as docs/backup.md's runbook does: stops the nodes
     * that still run, resets the cluster to the node whose data is newest ({@link Survivor#newest})
     * with {@code embedded.force-new-cluster}, and lets every other node join it again, one at a
     * time — stale data moved aside, a destroyed node on an empty data dir. Returns the survivor.
     *
     * @throws IllegalStateException when no node has data left (build a cluster from a snapshot instead)
     */
    public synchronized TestNode recoverQuorum() {
        requireOwn("recover the quorum");
        nodes.stream().filter(TestNode::isRunning).forEach(this::stop);
        Map<Survivor, TestNode> survivors = new LinkedHashMap<>();
        for (TestNode node : nodes) {
            if (Files.isDirectory(node.dataDir().resolve("member"))) {
                survivors.put(Survivor.examine(node.member().config()), node);
            }
        }
        if (survivors.isEmpty()) {
            throw new IllegalStateException("No node of " + clusterName + " has data left to recover from: build a "
                    + "cluster from a snapshot instead (EtcdTestCluster.Builder.restoreFrom)");
        }
        TestNode newest = survivors.get(Survivor.newest(survivors.keySet()));
        TestNode survivor = newest.withMember(EmbeddedEtcd.builder().config(newest.member().config())
                .forceNewCluster().serviceLoaderListeners(false).build());
        nodes.set(nodes.indexOf(newest), survivor);
        clients.forget(newest);
        survivor.member().start();
        for (TestNode node : nodes) {
            if (node != survivor) {
                node.member().join(survivor.clientEndpoint());
            }
        }
        publishEndpoints();
        return survivor;
    }

    /**
     * Removes the node from the cluster through another running node; its etcd stops. etcd's
     * "unhealthy cluster" refusal after a recent fault is retried ({@code embedded.reconfig-timeout}).
     */
    public synchronized void removeNode(TestNode node) {
        requireOwn("remove " + node.name());
        TestNode via = nodes.stream().filter(n -> n != node && n.isRunning() && !n.isPaused()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no other running node to remove " + node + " through"));
        resume(node);
        via.member().remove(node.name());
        node.member().close();
        nodes.remove(node);
        clients.forget(node);
        publishEndpoints();
    }

    /** Tells {@code cluster://} resolvers where the nodes are now. */
    private void publishEndpoints() {
        registration.publish(nodes.stream().map(n -> new ClusterEndpoint(n.name(), n.clientEndpoint())).toList());
    }

    /**
     * Cuts the network between groups of nodes; nodes in no group form one more group.
     * {@code partition(Set.of(leader))} isolates the leader from all others.
     */
    @SafeVarargs
    public final synchronized void partition(Set<TestNode>... groups) {
        requireOwn("partition the network");
        List<List<Integer>> indices = new ArrayList<>();
        List<Integer> rest = new ArrayList<>(nodes.stream().map(TestNode::index).toList());
        for (Set<TestNode> group : groups) {
            List<Integer> members = group.stream().map(TestNode::index).toList();
            indices.add(members);
            rest.removeAll(members);
        }
        if (!rest.isEmpty()) {
            indices.add(rest);
        }
        network.partition(indices);
    }

    /** Ends every partition. */
    public synchronized void heal() {
        network.heal();
    }

    /**
     * Holds every packet the node receives for this long, so that round trips with it grow by as
     * much; {@link Duration#ZERO} ends the delay (NAMESPACES; needs {@code iptables}, see docs/testkit.md).
     */
    public synchronized void delay(TestNode node, Duration delay) {
        requireOwn("delay " + node.name());
        network.delay(node.index(), delay);
    }

    /** Drops this percentage (0–100) of the packets the node receives; 0 ends the loss (NAMESPACES, as {@link #delay}). */
    public synchronized void loss(TestNode node, double percent) {
        requireOwn("drop packets of " + node.name());
        network.loss(node.index(), percent);
    }

    /**
     * A jetcd client for the whole cluster (all nodes' client URLs at the time it is built), built on
     * first use, closed with the cluster. It does not wait for dead endpoints.
     */
    public Client client() {
        return clients.whole();
    }

    /** A jetcd client talking only to this node, closed with the cluster. */
    public Client clientFor(TestNode node) {
        return clients.of(node);
    }

    /** Client URLs of all nodes, in index order. */
    public List<URI> clientEndpoints() {
        return nodes.stream().map(TestNode::clientEndpoint).toList();
    }

    /** Peer URLs of all nodes, in index order. */
    public List<URI> peerEndpoints() {
        return nodes.stream().map(TestNode::peerEndpoint).toList();
    }

    /**
     * How a client of a TLS cluster connects: the CA of the nodes' certificates and a client
     * certificate the nodes accept ({@code ClientTls.NONE} without TLS). Files under {@link #dataDir()},
     * for code that builds its own client from {@link #clientEndpoints()}.
     */
    public ClientTls clientTls() {
        return security.clientTls();
    }

    /** The root user of a cluster with authentication on, with its generated password. */
    public Optional<Credentials> credentials() {
        return security.credentials();
    }

    /** The cluster's name (also its {@code initial-cluster-token}). */
    public String clusterName() {
        return clusterName;
    }

    /** Where the nodes' data dirs are; null while the cluster is not started. */
    public synchronized Path dataDir() {
        return dataRoot == null ? null : dataRoot.path();
    }

    /** Stops every node (leader first), keeping their data: {@link #start()} starts them again. */
    public synchronized void stop() {
        requireOwn("stop the cluster");
        stopNodes();
    }

    /**
     * Stops every node (leader first), waits, and starts them all again on their data. No lock is
     * held while waiting: other threads may inspect the cluster meanwhile.
     */
    public void restart(long delay, TimeUnit unit) throws InterruptedException {
        long closesBefore;
        synchronized (this) {
            requireOwn("restart the cluster");
            closesBefore = closes;
            stopNodes();
        }
        unit.sleep(delay);
        synchronized (this) {
            if (closes != closesBefore) {
                throw new IllegalStateException("test cluster " + clusterName + " was closed while it waited to restart");
            }
            start();
        }
    }

    /** Keeps the data dirs after {@link #close()} (their path is logged), e.g. when a test failed. */
    public void keepData(boolean keep) {
        this.keepData = keep;
    }

    /**
     * Ends every node (killed when their data is deleted, stopped gracefully when it is kept),
     * closes clients, removes network and data (unless kept). Cleanup goes on past a failure; the
     * first failure is thrown at the end. Idempotent; a closed cluster can be started again,
     * afresh. Refused while test classes share the cluster
     * ({@link EtcdCluster#shared()}): the end of the test run closes it.
     */
    @Override
    public synchronized void close() {
        requireOwn("close the cluster");
        closes++;
        clients.close();
        boolean keep = keepData;
        try {
            endNodes(keep);
        } finally {
            if (registration != null) {
                registration.close();
                registration = null;
            }
            nodes.clear();
            nextIndex = 0;
            if (network != null) {
                network.close();
                network = null;
            }
            if (dataRoot != null) {
                if (keep) {
                    LOG.warn("Kept the data of test cluster {} in {}", clusterName, dataRoot.path());
                } else {
                    dataRoot.delete();
                }
                dataRoot = null;
            }
        }
    }

    /** Marks the cluster as shared by test classes, or as owned by one again (to be closed by its pool). */
    void shared(boolean value) {
        shared = value;
    }

    private void requireOwn(String action) {
        if (shared) {
            throw new IllegalStateException("Cannot " + action + ": test cluster " + clusterName + " is shared by the "
                    + "test classes that declare @EtcdCluster(shared = true), and what this changes would reach the "
                    + "classes after this one. Give this class a cluster of its own: remove shared = true.");
        }
    }

    /**
     * Ends every node: stopped gracefully, leader first, when their data is kept, so that it shows a
     * clean end; else killed, all at once, since a graceful stop costs tens of milliseconds a node
     * and keeps nothing that deleting the data does not remove.
     */
    private void endNodes(boolean dataKept) {
        if (dataKept) {
            stopNodes();
        } else {
            Parallel.forEach(nodes, node -> node.member().kill());
        }
    }

    /** Resumes paused nodes and stops all, leader first; a node that is already gone is skipped. */
    private void stopNodes() {
        for (TestNode node : nodes) {
            try {
                resume(node);
            } catch (RuntimeException gone) {
                LOG.debug("{} was gone before it could be resumed: {}", node, gone.getMessage());
                node.paused(false);
            }
        }
        EmbeddedEtcd.closeAll(nodes.stream().map(TestNode::member).toList());
    }

    @Override
    public String toString() {
        return "EtcdTestCluster{" + clusterName + " " + nodes + "}";
    }

    /** Settings of a test cluster; {@link #build()} takes a snapshot of them. */
    public static final class Builder {
        /** Member names are this prefix and the node's index. */
        static final String DEFAULT_NODE_NAME_PREFIX = "node-";

        private int nodes = 3;
        private String nodeNamePrefix = DEFAULT_NODE_NAME_PREFIX;
        private Network network = Network.LOOPBACK;
        private String clusterName;
        private boolean fastTimings = true;
        private int heartbeatMillis = FAST_HEARTBEAT_MILLIS;
        private int electionMillis = FAST_ELECTION_MILLIS;
        private List<String> extraArgs = List.of();
        private final List<Consumer<EtcdConfig.Builder>> customizers = new ArrayList<>();
        private ClusterSettings.Tls tls = ClusterSettings.Tls.NONE;
        private boolean auth;
        private Path restoreFrom;

        private Builder() {
        }

        /**
         * TLS with mutual authentication on every client and peer URL (https), with certificates
         * the cluster generates: see {@link EtcdTestCluster#clientTls()} (default off).
         */
        public Builder tls(boolean value) {
            this.tls = value ? ClusterSettings.Tls.MUTUAL : ClusterSettings.Tls.NONE;
            return this;
        }

        /**
         * TLS as jetcd-launcher's {@code withSsl(true)} gives it (default off): https client URLs
         * serving certificates issued by the CA at {@code ssl/cert/ca.pem} and {@code ca-key.pem}
         * on the test classpath when it has them (else by one of the cluster's own), http peer
         * URLs, no client certificates; the container paths {@code /etc/ssl/etcd/server.pem} and
         * {@code server-key.pem} in {@link #extraArgs} name the node's files. Replaces {@link #tls}.
         */
        public Builder jetcdLauncherTls(boolean value) {
            this.tls = value ? ClusterSettings.Tls.LAUNCHER : ClusterSettings.Tls.NONE;
            return this;
        }

        /**
         * etcd authentication on: a root user with a generated password, which the nodes and the
         * cluster's clients use; see {@link EtcdTestCluster#credentials()} (default off).
         */
        public Builder auth(boolean value) {
            this.auth = value;
            return this;
        }

        /**
         * A new cluster built from this snapshot (see {@link EtcdTestCluster#snapshot}): the first
         * node restores it as a one-member cluster, the others join it. Authentication, when
         * the snapshot has it on, is the snapshot's: {@link #auth} then adds nothing.
         */
        public Builder restoreFrom(Path snapshot) {
            this.restoreFrom = snapshot;
            return this;
        }

        /** Number of voting members (default 3). */
        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node, got " + count);
            }
            this.nodes = count;
            return this;
        }

        /** {@link Network#LOOPBACK} (default) or {@link Network#NAMESPACES}. */
        public Builder network(Network value) {
            this.network = value;
            return this;
        }

        /** Member names: this prefix and the node's index (default {@code node-}, so {@code node-0}, {@code node-1}, ...). */
        public Builder nodeNamePrefix(String value) {
            if (!value.matches("[A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("node name prefix '" + value + "' may hold only letters, digits, "
                        + "'.', '_' and '-': it becomes part of member names and certificate host names");
            }
            this.nodeNamePrefix = value;
            return this;
        }

        /** The cluster's name (default: {@code etcd-test-<random>}), also its {@code cluster://} target. */
        public Builder clusterName(String value) {
            this.clusterName = value;
            return this;
        }

        /** Fast raft timings (default on); off means etcd's defaults (100 ms / 1000 ms). */
        public Builder fastTimings(boolean value) {
            this.fastTimings = value;
            return this;
        }

        /** Raft timings used with fast timings on. */
        public Builder timings(int heartbeat, int election) {
            this.heartbeatMillis = heartbeat;
            this.electionMillis = election;
            return this;
        }

        /** Further etcd flags for every node. */
        public Builder extraArgs(String... args) {
            this.extraArgs = List.copyOf(Arrays.asList(args));
            return this;
        }

        /** Any other member setting, applied to every node last. */
        public Builder configure(Consumer<EtcdConfig.Builder> customizer) {
            customizers.add(customizer);
            return this;
        }

        /** A cluster with these settings, not yet started; later changes to this builder do not reach it. */
        public EtcdTestCluster build() {
            return new EtcdTestCluster(new ClusterSettings(nodes, nodeNamePrefix, network, clusterName, fastTimings,
                    heartbeatMillis, electionMillis, extraArgs, customizers, tls, auth, restoreFrom));
        }

        /** Builds the cluster and starts it: see {@link EtcdTestCluster#start()}. */
        public EtcdTestCluster start() {
            EtcdTestCluster cluster = build();
            cluster.start();
            return cluster;
        }
    }
}
