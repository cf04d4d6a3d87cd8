package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each node in its own network namespace on 198.18.x.y:2379/2380; skipped where namespaces can't be made. */
class NamespacesTest {

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

        TestNode newLeader = await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> cluster.leader(), leader -> leader != isolated);
        Client majority = cluster.clientFor(newLeader);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> Kv.put(majority, "during", "2"));
        assertThatThrownBy(() -> Kv.put(cluster.clientFor(isolated), "isolated", "3"))
                .as("the isolated node serves no linearizable write");

        cluster.heal();

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
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
    void aClusterKeepsWorkingWithALossyDelayedFollower(EtcdTestCluster cluster, Client client) throws Exception {
        TestNode follower = cluster.followers().get(0);
        try {
            cluster.delay(follower, Duration.ofMillis(20));
            cluster.loss(follower, 10);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, e.getMessage());
        }

        for (int i = 0; i < 20; i++) {
            Kv.put(client, "k" + i, "v" + i);
        }
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(Kv.localGet(cluster.clientFor(follower), "k19")).contains("v19"));
    }
}
