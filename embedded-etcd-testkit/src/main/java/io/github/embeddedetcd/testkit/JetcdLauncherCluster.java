/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.launcher.EtcdContainer;

import java.util.List;

/**
 * An {@link EtcdTestCluster} that is also jetcd-launcher's {@link io.etcd.jetcd.launcher.EtcdCluster},
 * so that code written against that interface runs on it unchanged; {@link EtcdClusterExtension}
 * runs these. It needs {@code io.etcd:jetcd-launcher} on the classpath, which brings Testcontainers'
 * API along; no Docker is used. Everything else in the testkit works without them.
 */
public final class JetcdLauncherCluster extends EtcdTestCluster implements io.etcd.jetcd.launcher.EtcdCluster {

    private JetcdLauncherCluster(ClusterSettings settings) {
        super(settings);
    }

    /**
     * Typed as the superclass so that callers' bytecode names this class only where it runs: the
     * JVM then loads it (and jetcd-launcher) on first use, not when it verifies a caller.
     */
    static EtcdTestCluster create(ClusterSettings settings) {
        return new JetcdLauncherCluster(settings);
    }

    /** Always empty: the nodes are local etcd processes, not containers (see {@link #nodes()}). */
    @Override
    public List<EtcdContainer> containers() {
        return List.of();
    }
}
