/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test cluster kept in JUnit's extension store (see {@link ClusterScope}). (JUnit 5.13 deprecates
 * {@code CloseableResource} for {@code AutoCloseable}, which older versions such as Spring Boot 3.5's 5.12 do not close.)
 */
@SuppressWarnings("deprecation")
final class StoredCluster implements ExtensionContext.Store.CloseableResource {

    private final EtcdTestCluster cluster;
    private final Cleanup cleanup;
    private volatile boolean testFailed;

    StoredCluster(EtcdTestCluster cluster, Cleanup cleanup) {
        this.cluster = cluster;
        this.cleanup = cleanup;
    }

    EtcdTestCluster cluster() {
        return cluster;
    }

    void testFailed() {
        testFailed = true;
    }

    @Override
    public void close() {
        cluster.keepData(cleanup == Cleanup.NEVER || (cleanup == Cleanup.ON_SUCCESS && testFailed));
        cluster.close();
    }
}
