/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cluster without JUnit's help, and two clusters starting at once. */
class ProgrammaticClusterTest {

    @Test
    void twoClustersStartedAtOnceNeverShareAPortOrAName() throws Exception {
        CompletableFuture<EtcdTestCluster> a = CompletableFuture.supplyAsync(() -> EtcdTestCluster.builder().nodes(2).start());
        CompletableFuture<EtcdTestCluster> b = CompletableFuture.supplyAsync(() -> EtcdTestCluster.builder().nodes(2).start());
        try (EtcdTestCluster first = a.get(60, TimeUnit.SECONDS); EtcdTestCluster second = b.get(60, TimeUnit.SECONDS)) {
            assertThat(first.clusterName()).isNotEqualTo(second.clusterName());
            Set<Integer> ports = new HashSet<>();
            for (EtcdTestCluster cluster : List.of(first, second)) {
                for (URI url : cluster.clientEndpoints()) {
                    assertThat(ports.add(url.getPort())).isTrue();
                }
                for (URI url : cluster.peerEndpoints()) {
                    assertThat(ports.add(url.getPort())).isTrue();
                }
            }
            Kv.put(first.client(), "k", "first");
            Kv.put(second.client(), "k", "second");
            assertThat(Kv.get(first.client(), "k")).contains("first");
            assertThat(Kv.get(second.client(), "k")).contains("second");
        }
    }

    @Test
    void closingRemovesTheDataUnlessKept() throws Exception {
        EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(1).start();
        Path data = cluster.dataDir();
        cluster.close();
        assertThat(data).doesNotExist();

        EtcdTestCluster kept = EtcdTestCluster.builder().nodes(1).start();
        Path keptData = kept.dataDir();
        kept.keepData(true);
        kept.close();
        try {
            assertThat(keptData.resolve("node-0/member")).isDirectory();
        } finally {
            TestFiles.deleteTree(keptData);
        }
    }

    @Test
    void aBuiltClusterKeepsTheSettingsItWasBuiltWith() {
        EtcdTestCluster.Builder builder = EtcdTestCluster.builder().nodes(1);
        EtcdTestCluster cluster = builder.build();
        builder.nodes(3).clusterName("changed-later");

        try (cluster) {
            cluster.start();
            assertThat(cluster.nodes()).hasSize(1);
            assertThat(cluster.clusterName()).isNotEqualTo("changed-later");
        }
    }

    @Test
    void aClosedClusterStartsAgainAfreshAndAStoppedOneOnItsData() throws Exception {
        try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(1).start()) {
            Kv.put(cluster.client(), "k", "1");

            cluster.stop();
            assertThat(cluster.nodes()).noneMatch(TestNode::isRunning);
            cluster.start();
            // the client made before the stop reconnects with gRPC's backoff: its first call may fail
            await().atMost(Waits.RECOVERY).ignoreExceptions()
                    .untilAsserted(() -> assertThat(Kv.get(cluster.client(), "k")).contains("1"));

            cluster.close();
            cluster.start();
            assertThat(Kv.get(cluster.client(), "k")).isEmpty();
        }
    }

    /** restart(delay) waits without holding the cluster: other threads can look at it meanwhile. */
    @Test
    void aDelayedRestartLetsOthersUseTheClusterWhileItWaits() throws Exception {
        try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(1).start()) {
            CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> {
                try {
                    cluster.restart(3, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(Waits.RECOVERY)
                    .until(() -> cluster.nodes().stream().noneMatch(TestNode::isRunning));

            Path data = CompletableFuture.supplyAsync(cluster::dataDir).get(1, TimeUnit.SECONDS);

            assertThat(restart).isNotDone();
            assertThat(data).isDirectory();
            restart.get(30, TimeUnit.SECONDS);
            assertThat(cluster.nodes()).allMatch(TestNode::isRunning);
        }
    }
}
