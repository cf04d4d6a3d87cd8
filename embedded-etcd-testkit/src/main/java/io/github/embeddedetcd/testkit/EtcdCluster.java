/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a real multi-node etcd cluster for a test class (one cluster shared by its tests) or for one
 * test method (a fresh cluster for that test). Test methods and constructors can take an
 * {@link EtcdTestCluster}, a jetcd {@code Client} for the cluster, or a {@code List<URI>} of its
 * client endpoints as parameters; a {@code @ParameterizedTest} gets only the {@link EtcdTestCluster},
 * so that its arguments may be clients. With {@link Network#NAMESPACES} on a machine that cannot
 * make network namespaces, the tests are disabled, saying why.
 *
 * <pre>{@code
 * @EtcdCluster(nodes = 3)
 * class OrderServiceTest {
 *     @Test void survivesLeaderLoss(EtcdTestCluster cluster, Client client) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DeclaredClusterExtension.class)
public @interface EtcdCluster {

    /**
     * The JUnit configuration parameter that turns {@link #shared()} off for a run when set to
     * {@code false} (e.g. {@code -Dembedded-etcd.testkit.shared=false}, or in
     * {@code junit-platform.properties}): every class then gets a cluster of its own, which tells
     * whether a failure comes from state that an earlier class left behind.
     */
    String SHARED_PARAMETER = "embedded-etcd.testkit.shared";

    /** Number of voting members. */
    int nodes() default 3;

    /** Loopback ports (default) or one network namespace per node. */
    Network network() default Network.LOOPBACK;

    /** Fast raft timings ({@link #heartbeatMillis()}, {@link #electionMillis()}); off means etcd's defaults. */
    boolean fastTimings() default true;

    /** Heartbeat interval with fast timings. */
    int heartbeatMillis() default EtcdTestCluster.FAST_HEARTBEAT_MILLIS;

    /** Election timeout with fast timings. */
    int electionMillis() default EtcdTestCluster.FAST_ELECTION_MILLIS;

    /** Further etcd flags for every node, e.g. {@code "--auto-compaction-retention=1"}. */
    String[] extraArgs() default {};

    /**
     * A class that changes the cluster's builder after these attributes, for what they cannot say
     * (any member setting, through {@code builder.configure(...)}); it needs a no-argument constructor.
     * Clusters with different configurers are never shared.
     */
    Class<? extends EtcdClusterConfigurer> configurer() default EtcdClusterConfigurer.None.class;

    /** TLS with mutual authentication on every client and peer URL, with generated certificates. */
    boolean tls() default false;

    /** etcd authentication on, with a root user whose password the cluster generates. */
    boolean auth() default false;

    /**
     * One cluster for every class (or method) in the test run that declares the same cluster with
     * {@code shared = true}, instead of one each: it starts once and stops when the run ends. Each
     * class gets it with all keys deleted (revisions keep counting; leases, users and roles that
     * earlier classes made stay until they expire or are removed). A shared cluster refuses faults and
     * stops ({@link EtcdTestCluster#kill}, {@code partition}, {@code addNode}, {@code stop},
     * {@code close}, ...) with an {@link IllegalStateException}: a class that injects faults needs a
     * cluster of its own. Classes that run in parallel get a cluster each. One that a failed test
     * used is closed at once, not lent again, when {@link #cleanup()} keeps data, so that its data
     * shows the failure. {@link #SHARED_PARAMETER} turns sharing off for a run.
     */
    boolean shared() default false;

    /** What happens to the nodes' data dirs when the cluster closes; kept ones are logged with their path. */
    Cleanup cleanup() default Cleanup.ALWAYS;

    /**
     * Keep the nodes' data dirs when a test fails.
     *
     * @deprecated use {@code cleanup = Cleanup.ON_SUCCESS}, which this stands for
     */
    @Deprecated
    boolean keepDataOnFailure() default false;
}
