/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.jetcd;

import io.github.embeddedetcd.testkit.Cleanup;
import io.github.embeddedetcd.testkit.EtcdCluster;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import io.github.embeddedetcd.testkit.Network;
import io.github.embeddedetcd.testkit.internal.junit.ClusterScope;
import io.github.embeddedetcd.testkit.internal.junit.StoredCluster;
import io.github.embeddedetcd.testkit.internal.resolver.RunningClusters;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * jetcd-test's {@code EtcdClusterExtension} on local etcd processes: tests written for it run with
 * only the import changed ({@code io.etcd.jetcd.test} → {@code io.github.embeddedetcd.testkit.jetcd}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EtcdClusterExtension cluster = EtcdClusterExtension.builder().withNodes(3).build();
 * ... Client.builder().target("cluster://" + cluster.clusterName()).build() ...
 * }</pre>
 *
 * A static field gets one cluster for the class, an instance field one per test. Its cluster is
 * seen as a {@link JetcdLauncherCluster}, so this extension needs {@code io.etcd:jetcd-launcher} on the test
 * classpath, as jetcd-test does; {@link EtcdCluster} and {@link EtcdTestCluster} do not. It
 * resolves no parameters, as jetcd-test's does. Where {@link Network#NAMESPACES} cannot be set up,
 * the tests are disabled with the reason.
 */
public final class EtcdClusterExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        AfterEachCallback, AfterAllCallback, TestWatcher {

    /** Its own: a test class may register several of these, each with a cluster in the same contexts. */
    private final ClusterScope scope = new ClusterScope(this);
    private final EtcdTestCluster cluster;
    private final Network network;
    private final Cleanup cleanup;
    /**
     * Made on first use, so that the JVM loads jetcd-launcher's types only then (the builder has
     * checked they are there): a field of the interface's type would load them with this class.
     */
    private JetcdLauncherCluster launcherView;
    private boolean started;

    private EtcdClusterExtension(EtcdTestCluster cluster, Network network, Cleanup cleanup) {
        this.cluster = cluster;
        this.network = network;
        this.cleanup = cleanup;
    }

    /** For {@code @RegisterExtension}, shaped like jetcd-test's builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The running test cluster of this name (jetcd-test's registry): any cluster of the testkit,
     * from its start until it is closed.
     *
     * @throws IllegalArgumentException when none runs under that name
     */
    public static EtcdTestCluster cluster(String clusterName) {
        return RunningClusters.owner(clusterName).filter(EtcdTestCluster.class::isInstance)
                .map(EtcdTestCluster.class::cast)
                .orElseThrow(() -> new IllegalArgumentException("No etcd test cluster named '" + clusterName
                        + "' is running"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return ClusterScope.condition(network);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startIn(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        startIn(context);
    }

    /** The cluster starts in the first context it meets: the class (static field) or the test (instance field). */
    private synchronized void startIn(ExtensionContext context) {
        if (!started) {
            cluster.start();
            started = true;
            scope.put(context, StoredCluster.own(cluster, cleanup));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeIn(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeIn(context);
    }

    /** Closes the cluster when this is the context it started in; a later context starts it again. */
    private synchronized void closeIn(ExtensionContext context) {
        scope.take(context).ifPresent(stored -> {
            started = false;
            stored.close();
        });
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        scope.testFailed(context);
    }

    /**
     * The cluster as jetcd-launcher's {@code EtcdCluster}, also before it starts and after it
     * closes (as jetcd-test's); its faults and clients are {@link #testCluster()}'s.
     */
    public synchronized JetcdLauncherCluster cluster() {
        if (launcherView == null) {
            launcherView = new JetcdLauncherCluster(cluster);
        }
        return launcherView;
    }

    /** The cluster, with its nodes, faults and clients: {@link EtcdTestCluster}. */
    public EtcdTestCluster testCluster() {
        return cluster;
    }

    /** Client URLs of the cluster's nodes (none while it does not run). */
    public List<URI> clientEndpoints() {
        return cluster.clientEndpoints();
    }

    /** Peer URLs of the cluster's nodes (none while it does not run). */
    public List<URI> peerEndpoints() {
        return cluster.peerEndpoints();
    }

    /** The cluster's name: its {@code cluster://} target and {@code initial-cluster-token}. */
    public String clusterName() {
        return cluster.clusterName();
    }

    /** Stops every node, waits, and starts them again on their data. */
    public void restart(long delay, TimeUnit unit) {
        try {
            cluster.restart(delay, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting test cluster " + clusterName(), e);
        }
    }

    /**
     * jetcd-test's builder. What only makes sense for containers is accepted and has no effect, as
     * each method says; the rest of the testkit's settings come on top.
     */
    public static final class Builder {
        private static final String LAUNCHER = "io.etcd.jetcd.launcher.EtcdCluster";
        private static final String TESTCONTAINERS = "org.testcontainers.lifecycle.Startable";
        /** jetcd-launcher's node names: an optional prefix, "etcd" and the index. */
        private static final String NODE_NAME = "etcd";

        private final EtcdTestCluster.Builder cluster = EtcdTestCluster.builder().nodeNamePrefix(NODE_NAME);
        private final List<String> additionalArgs = new ArrayList<>();
        private Cleanup cleanup = Cleanup.ALWAYS;
        private Network network = Network.LOOPBACK;
        private boolean debug;

        private Builder() {
        }

        public Builder withNodes(int nodes) {
            cluster.nodes(nodes);
            return this;
        }

        /** The cluster's name (default {@code etcd-test-<random>}); running clusters need distinct names. */
        public Builder withClusterName(String clusterName) {
            cluster.clusterName(clusterName);
            return this;
        }

        /** Member names become {@code <prefix>etcd0}, {@code <prefix>etcd1}, ... (default {@code etcd0}, ...). */
        public Builder withPrefix(String prefix) {
            cluster.nodeNamePrefix(prefix + NODE_NAME);
            return this;
        }

        /** Further etcd flags for every node (replacing earlier ones). */
        public Builder withAdditionalArgs(Collection<String> args) {
            additionalArgs.clear();
            additionalArgs.addAll(args);
            return this;
        }

        /**
         * https client URLs, as jetcd-launcher's: the nodes serve certificates the testkit issues
         * (by the CA at {@code ssl/cert/ca.pem} with {@code ca-key.pem} when the test classpath has
         * them, as jetcd's does), and jetcd-launcher's container paths in additional arguments
         * ({@code /etc/ssl/etcd/server.pem}, {@code server-key.pem}) name the node's files.
         * Clients need no certificate of their own: see {@code cluster().clientTls()}.
         */
        public Builder withSsl(boolean ssl) {
            cluster.jetcdLauncherTls(ssl);
            return this;
        }

        /** etcd's debug log ({@code --log-level=debug}), through SLF4J as all etcd output. */
        public Builder withDebug(boolean value) {
            this.debug = value;
            return this;
        }

        /**
         * Runs the local etcd of the image's minor version: {@code ...:v3.5.14} runs
         * {@code ETCD_BINARY_3_5}, or the etcd on {@code ETCD_BINARY}/{@code PATH} when that is a 3.5.
         *
         * @throws IllegalArgumentException naming what was found and what to set, when there is none
         */
        public Builder withImage(String image) {
            ImageBinary.forImage(image, System.getenv()).ifPresent(binary -> cluster.configure(c -> c.binary(binary)));
            return this;
        }

        /** Accepted, no effect: the nodes are local processes on loopback, not containers on a Docker network. */
        public Builder withNetwork(org.testcontainers.containers.Network ignored) {
            return this;
        }

        /** Accepted, no effect: data dirs are always in the testkit's temporary directory, removed on close. */
        public Builder withMountDirectory(boolean ignored) {
            return this;
        }

        /** Accepted, no effect: the nodes run as the JVM's user. */
        public Builder withUser(String ignored) {
            return this;
        }

        /** {@link Network#LOOPBACK} (default) or {@link Network#NAMESPACES} for partitions, delay and loss. */
        public Builder withNetwork(Network value) {
            cluster.network(value);
            network = value;
            return this;
        }

        /** Fast raft timings (default on). */
        public Builder withFastTimings(boolean fastTimings) {
            cluster.fastTimings(fastTimings);
            return this;
        }

        /** etcd authentication on, with a generated root password (see {@code cluster().credentials()}). */
        public Builder withAuth(boolean auth) {
            cluster.auth(auth);
            return this;
        }

        /** What happens to the data dirs when the cluster closes (default {@link Cleanup#ALWAYS}). */
        public Builder withCleanup(Cleanup value) {
            this.cleanup = value;
            return this;
        }

        /**
         * The extension, its cluster built but not started.
         *
         * @throws IllegalStateException when jetcd-launcher is not on the classpath
         */
        public EtcdClusterExtension build() {
            requireOnClasspath(LAUNCHER, "io.etcd:jetcd-launcher");
            requireOnClasspath(TESTCONTAINERS, "org.testcontainers:testcontainers (jetcd-launcher's dependency)");
            List<String> args = new ArrayList<>(additionalArgs);
            if (debug) {
                args.add("--log-level=debug");
            }
            cluster.extraArgs(args.toArray(String[]::new));
            return new EtcdClusterExtension(cluster.build(), network, cleanup);
        }

        private static void requireOnClasspath(String className, String artifact) {
            try {
                Class.forName(className, false, EtcdClusterExtension.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("EtcdClusterExtension is jetcd-test's drop-in and its cluster implements "
                        + "jetcd-launcher's EtcdCluster, so it needs " + artifact + " on the test classpath, and "
                        + className + " is missing. Add the dependency (test scope, jetcd's version), or use "
                        + "@EtcdCluster or EtcdTestCluster, which need neither.", e);
            }
        }
    }
}
