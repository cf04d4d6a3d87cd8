/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each node in its own network namespace on 198.18.x.y:2379/2380; skipped where namespaces can't be made. */
class NamespacesTest {

    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    @Test
    @EtcdCluster(nodes = 3, network = Network.NAMESPACES)
    void anIsolatedLeaderLosesToTheMajorityAndAllConvergeAfterHealing(EtcdTestCluster cluster, Client client)
            throws Exception {
        assertThat(cluster.clientEndpoints()).allSatisfy(url -> {
            assertThat(url.getHost()).startsWith("198.18.");
            assertThat(url.getPort()).isEqualTo(2379);
        });
        Kv.put(client, "before", "1");
        TestNode isolated = cluster.leader();

        cluster.partition(Set.of(isolated));

        TestNode newLeader = await().atMost(Waits.RECOVERY).ignoreExceptions()
                .until(() -> cluster.leader(), leader -> leader != isolated);
        Client majority = cluster.clientFor(newLeader);
        await().atMost(Waits.RECOVERY).ignoreExceptions().untilAsserted(() -> Kv.put(majority, "during", "2"));
        assertThatThrownBy(() -> Kv.put(cluster.clientFor(isolated), "isolated", "3"))
                .as("the isolated node serves no linearizable write");

        cluster.heal();

        await().atMost(Waits.RECOVERY).ignoreExceptions().untilAsserted(() -> {
            Client first = cluster.clientFor(cluster.node(0));
            long revision = Kv.localRevision(first);
            Map<String, String> contents = Kv.localContents(first);
            assertThat(contents).containsEntry("before", "1").containsEntry("during", "2");
            for (TestNode node : cluster.nodes()) {
                Client local = cluster.clientFor(node);
                assertThat(Kv.localRevision(local)).isEqualTo(revision);
                assertThat(Kv.localContents(local)).isEqualTo(contents);
            }
        });
    }

    @Test
    @EtcdCluster(nodes = 3, network = Network.NAMESPACES)
    void delayAndLossActOnTheNodesTrafficUntilEnded(EtcdTestCluster cluster, Client client) throws Exception {
        TestNode follower = cluster.followers().get(0);
        InetSocketAddress port = new InetSocketAddress(follower.host(), follower.clientEndpoint().getPort());
        try {
            // below the fast timings' 100 ms election timeout, or the follower would call elections all along
            cluster.delay(follower, Duration.ofMillis(40));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, e.getMessage());
        }

        assertThat(connectMillis(port)).as("the node's answer to a connect is held").isGreaterThanOrEqualTo(40);
        for (int i = 0; i < 10; i++) {
            Kv.put(client, "k" + i, "v" + i);
        }
        await().atMost(Waits.RECOVERY).ignoreExceptions().untilAsserted(() ->
                assertThat(Kv.localGet(cluster.clientFor(follower), "k9")).contains("v9"));

        cluster.delay(follower, Duration.ZERO);
        cluster.loss(follower, 100);
        assertThatThrownBy(() -> connectMillis(port)).as("no packet reaches the node").isInstanceOf(SocketTimeoutException.class);

        cluster.loss(follower, 0);
        assertThat(connectMillis(port)).isLessThan(CONNECT_TIMEOUT_MILLIS);
    }

    private static long connectMillis(InetSocketAddress address) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
