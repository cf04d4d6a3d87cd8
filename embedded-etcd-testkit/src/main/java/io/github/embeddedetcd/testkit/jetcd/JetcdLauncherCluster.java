/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.jetcd;

import io.etcd.jetcd.launcher.EtcdCluster;
import io.etcd.jetcd.launcher.EtcdContainer;
import io.github.embeddedetcd.testkit.EtcdTestCluster;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EtcdTestCluster} seen as jetcd-launcher's {@link EtcdCluster}, so that code written
 * against that interface runs on it unchanged; {@link EtcdClusterExtension} runs these. It needs
 * {@code io.etcd:jetcd-launcher} on the classpath, which brings Testcontainers' API along; no
 * Docker is used. Faults and clients are the test cluster's: {@link #testCluster()}.
 */
public final class JetcdLauncherCluster implements EtcdCluster {

    private final EtcdTestCluster cluster;

    JetcdLauncherCluster(EtcdTestCluster cluster) {
        this.cluster = cluster;
    }

    /** The cluster itself, with its nodes, faults and clients. */
    public EtcdTestCluster testCluster() {
        return cluster;
    }

    @Override
    public void start() {
        cluster.start();
    }

    /** Stops every node, keeping their data: {@link #start()} starts them again. */
    @Override
    public void stop() {
        cluster.stop();
    }

    /** Ends the nodes and removes their data. */
    @Override
    public void close() {
        cluster.close();
    }

    @Override
    public void restart(long delay, TimeUnit unit) throws InterruptedException {
        cluster.restart(delay, unit);
    }

    @Override
    public String clusterName() {
        return cluster.clusterName();
    }

    @Override
    public List<URI> clientEndpoints() {
        return cluster.clientEndpoints();
    }

    @Override
    public List<URI> peerEndpoints() {
        return cluster.peerEndpoints();
    }

    /** Always empty: the nodes are local etcd processes, not containers (see {@link EtcdTestCluster#nodes()}). */
    @Override
    public List<EtcdContainer> containers() {
        return List.of();
    }

    @Override
    public String toString() {
        return cluster.toString();
    }
}
