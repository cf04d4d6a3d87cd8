/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.junit;

import io.github.embeddedetcd.testkit.Cleanup;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Consumer;

/**
 * A test cluster kept in JUnit's extension store (see {@link ClusterScope}): closed with its
 * context, or given back to its pool when it is shared (the testkit's {@code SharedClusters}). Both kinds of
 * closeable: JUnit 5.13 closes an {@code AutoCloseable} (and warns about a {@code CloseableResource}
 * that is not one), older versions such as Spring Boot 3.5's 5.12 close a {@code CloseableResource} only.
 */
@SuppressWarnings("deprecation")
public final class StoredCluster implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final EtcdTestCluster cluster;
    /** Ends this context's use of the cluster; its argument says whether a test that used it failed. */
    private final Consumer<Boolean> release;
    private volatile boolean testFailed;

    private StoredCluster(EtcdTestCluster cluster, Consumer<Boolean> release) {
        this.cluster = cluster;
        this.release = release;
    }

    /** A cluster of the context's own, closed with it: its data kept as {@code cleanup} says. */
    public static StoredCluster own(EtcdTestCluster cluster, Cleanup cleanup) {
        return new StoredCluster(cluster, failed -> close(cluster, cleanup, failed));
    }

    /** A cluster borrowed from a pool: {@code giveBack} gets whether a test that used it failed. */
    public static StoredCluster borrowed(EtcdTestCluster cluster, Consumer<Boolean> giveBack) {
        return new StoredCluster(cluster, giveBack);
    }

    /** Closes the cluster, keeping its data as {@code cleanup} says for a run where a test did or did not fail. */
    public static void close(EtcdTestCluster cluster, Cleanup cleanup, boolean testFailed) {
        cluster.keepData(cleanup == Cleanup.NEVER || (cleanup == Cleanup.ON_SUCCESS && testFailed));
        cluster.close();
    }

    public EtcdTestCluster cluster() {
        return cluster;
    }

    public void testFailed() {
        testFailed = true;
    }

    @Override
    public void close() {
        release.accept(testFailed);
    }
}
