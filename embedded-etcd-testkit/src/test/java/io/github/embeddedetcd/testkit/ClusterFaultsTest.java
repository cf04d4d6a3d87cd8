/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.Member;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One fresh 3-node loopback cluster per test. */
class ClusterFaultsTest {

    @Test
    @EtcdCluster(nodes = 3)
    void writesResumeAfterTheLeaderIsKilled(EtcdTestCluster cluster, Client client) throws Exception {
        Kv.put(client, "before", "1");
        TestNode oldLeader = cluster.leader();

        cluster.kill(oldLeader);

        await().atMost(Waits.RECOVERY).ignoreExceptions().untilAsserted(() -> Kv.put(client, "after", "2"));
        assertThat(cluster.awaitLeader(Waits.RECOVERY)).isNotEqualTo(oldLeader);
        assertThat(Kv.get(client, "before")).contains("1");
        assertThat(oldLeader.isRunning()).isFalse();
    }

    @Test
    @EtcdCluster(nodes = 3)
    void aRestartedNodeKeepsItsData(EtcdTestCluster cluster, Client client) throws Exception {
        Kv.put(client, "k", "v");
        TestNode node = cluster.node(1);

        cluster.restart(node);

        assertThat(node.isRunning()).isTrue();
        await().atMost(Waits.RECOVERY).ignoreExceptions()
                .untilAsserted(() -> assertThat(Kv.localGet(cluster.clientFor(node), "k")).contains("v"));
    }

    @Test
    @EtcdCluster(nodes = 3)
    void aPausedFollowerCatchesUpAfterResume(EtcdTestCluster cluster, Client client) throws Exception {
        TestNode follower = cluster.followers().get(0);

        cluster.pause(follower);
        Kv.put(client, "while-paused", "yes");
        assertThat(follower.isPaused()).isTrue();
        cluster.resume(follower);

        await().atMost(Waits.RECOVERY).ignoreExceptions().untilAsserted(() ->
                assertThat(Kv.localGet(cluster.clientFor(follower), "while-paused")).contains("yes"));
    }

    @Test
    @EtcdCluster(nodes = 3)
    void addAndRemoveNodes(EtcdTestCluster cluster, List<URI> endpoints) {
        assertThat(endpoints).hasSize(3);

        TestNode added = cluster.addNode();

        List<Member> members = added.member().members();
        assertThat(members).hasSize(4).noneMatch(Member::learner);
        assertThat(added.name()).isEqualTo("node-3");

        cluster.removeNode(cluster.node(0));

        assertThat(cluster.nodes()).extracting(TestNode::name).containsExactly("node-1", "node-2", "node-3");
        assertThat(cluster.node(1).member().members()).extracting(Member::name)
                .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
    }

    @Test
    @EtcdCluster(nodes = 3)
    void theWholeClusterRestartsOnItsData(EtcdTestCluster cluster, Client client) throws Exception {
        Kv.put(client, "durable", "yes");

        cluster.restart(0, java.util.concurrent.TimeUnit.MILLISECONDS);

        cluster.awaitLeader(Waits.RECOVERY);
        await().atMost(Waits.RECOVERY).ignoreExceptions()
                .untilAsserted(() -> assertThat(Kv.get(cluster.client(), "durable")).contains("yes"));
    }
}
