/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.testkit.jetcd.EtcdClusterExtension;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.github.embeddedetcd.config.ClientTls;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** jetcd clients reach a running test cluster through its name: {@code cluster://<clusterName>}. */
class ClusterTargetTest {

    private static final Duration RECOVERY = Waits.RECOVERY;

    @Test
    void theTargetFollowsTheNodesAsTheyAreAddedRemovedAndRestarted() throws Exception {
        try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(1).start();
             Client client = byName(cluster).build()) {
            Kv.put(client, "k", "one node");

            TestNode first = cluster.node(0);
            cluster.addNode();
            cluster.removeNode(first);
            // Only the added node is left: the client can reach it only if its target followed. A put
            // that the removed leader took is lost, and would wait out etcd's request timeout: try anew.
            await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> client.getKVClient()
                    .put(Kv.bytes("k"), Kv.bytes("added node")).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS));

            cluster.restart(0, TimeUnit.SECONDS);
            await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() ->
                    assertThat(Kv.get(client, "k")).contains("added node"));
        }
    }

    @Test
    void eachNodeIsCheckedAgainstItsOwnCertificate() throws Exception {
        try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(3).tls(true).start()) {
            ClientTls tls = cluster.clientTls();
            try (Client client = byName(cluster).sslContext(GrpcSslContexts.forClient()
                    .trustManager(tls.caFile().toFile())
                    .keyManager(tls.certFile().toFile(), tls.keyFile().toFile()).build()).build()) {
                Kv.put(client, "k", "over TLS");
                assertThat(Kv.get(client, "k")).contains("over TLS");
            }
        }
    }

    @Test
    void aClosedClusterLeavesTheRegistryAndClientsOfItsNameAreToldWhichClustersRun() throws Exception {
        EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(1).start();
        String name = cluster.clusterName();
        assertThat(EtcdClusterExtension.cluster(name)).isSameAs(cluster);
        cluster.close();

        assertThatThrownBy(() -> EtcdClusterExtension.cluster(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No etcd test cluster named '" + name + "' is running");
        // Without waitForReady, a call fails at once when the channel has nowhere to go.
        try (Client client = Client.builder().target("cluster://" + name).waitForReady(false).build()) {
            assertThatThrownBy(() -> Kv.put(client, "k", "v")).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("No etcd test cluster named '" + name + "' runs in this JVM (running: [");
        }
    }

    @Test
    void runningClustersNeedDistinctNames() throws Exception {
        try (EtcdTestCluster first = EtcdTestCluster.builder().nodes(1).clusterName("twice").start()) {
            EtcdTestCluster second = EtcdTestCluster.builder().nodes(1).clusterName("twice").build();
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another etcd test cluster named 'twice' is running");
            assertThat(second.nodes()).isEmpty();
            try (Client client = Client.builder().target("cluster://twice").build()) {
                Kv.put(client, "k", "still the first");
            }
            assertThat(EtcdClusterExtension.cluster("twice")).isSameAs(first);
        }
    }

    /** Calls fail at once rather than wait for a node that is gone (jetcd's default waitForReady). */
    private static ClientBuilder byName(EtcdTestCluster cluster) {
        return Client.builder().target("cluster://" + cluster.clusterName()).waitForReady(false);
    }
}
