/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.jetcd;

import io.github.embeddedetcd.testkit.Kv;
import io.github.embeddedetcd.testkit.Waits;
import io.github.embeddedetcd.testkit.TestNode;
import io.github.embeddedetcd.testkit.Network;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.launcher.EtcdCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The extension's cluster is jetcd-launcher's {@link EtcdCluster}: code written against that interface runs on it. */
class JetcdLauncherClusterTest {

    @RegisterExtension
    static final EtcdClusterExtension extension = EtcdClusterExtension.builder()
            .withNodes(2)
            .withPrefix("n")
            .withNetwork(org.testcontainers.containers.Network.SHARED)
            .withMountDirectory(false)
            .withUser("ignored")
            .withDebug(true)
            .build();

    @Test
    void isJetcdLaunchersClusterWithItsNodeNamesAndNoContainers() throws Exception {
        EtcdCluster cluster = extension.cluster();

        assertThat(cluster.containers()).isEmpty();
        assertThat(cluster.clientEndpoints()).isEqualTo(extension.clientEndpoints()).hasSize(2);
        assertThat(cluster.peerEndpoints()).hasSize(2);
        assertThat(extension.testCluster().nodes()).extracting(TestNode::name).containsExactly("netcd0", "netcd1");
        assertThat(extension.testCluster().node(0).member().config().extraArgs()).contains("--log-level=debug");
        assertThat(EtcdClusterExtension.cluster(cluster.clusterName())).isSameAs(extension.testCluster());
        try (Client client = clientOf(cluster)) {
            Kv.put(client, "k", "through the launcher's interface");
            assertThat(Kv.get(client, "k")).contains("through the launcher's interface");
        }
    }

    @Test
    void stopsAndStartsThroughTheInterface() throws Exception {
        EtcdCluster cluster = extension.cluster();
        try (Client client = clientOf(cluster)) {
            Kv.put(client, "kept", "over a stop");

            cluster.stop();
            assertThat(extension.testCluster().nodes()).noneMatch(TestNode::isRunning);
            cluster.start();

            await().atMost(Waits.RECOVERY).ignoreExceptions().untilAsserted(() ->
                    assertThat(Kv.get(client, "kept")).contains("over a stop"));
        }
    }

    /** As jetcd's own tests build clients for a jetcd-launcher cluster. */
    private static Client clientOf(EtcdCluster cluster) {
        return Client.builder().target("cluster://" + cluster.clusterName()).build();
    }
}
