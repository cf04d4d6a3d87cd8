/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.Member;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * embedded.remove-unreachable-after under the testkit's faults: a paused voter is removed, a
 * partition that heals before the deadline removes nobody, and a leader cut off from the others
 * never removes them — the majority removes it.
 */
class UnreachableVoterRemovalTest {

    private static final Duration AFTER = Duration.ofSeconds(3);
    /** Long enough for the leader's poll (at most 5 s apart while all is quiet) to see a fault and time it. */
    private static final Duration DUE = AFTER.plus(Duration.ofSeconds(5)).plus(Waits.RECOVERY);

    /** Removal after {@link #AFTER}, down to two voters. */
    static final class RemoveAfterThreeSeconds implements EtcdClusterConfigurer {
        @Override
        public void configure(EtcdTestCluster.Builder builder) {
            builder.configure(c -> c.removeUnreachableAfter(AFTER).minimumVoters(2));
        }
    }

    @Test
    @EtcdCluster(nodes = 3, configurer = RemoveAfterThreeSeconds.class)
    void aPausedVoterIsRemoved(EtcdTestCluster cluster) {
        TestNode leader = cluster.leader();
        TestNode paused = cluster.followers().get(0);

        cluster.pause(paused);

        await().atMost(DUE).untilAsserted(() -> assertThat(names(leader)).doesNotContain(paused.name()).hasSize(2));
        cluster.resume(paused);
    }

    @Test
    @EtcdCluster(nodes = 3, network = Network.NAMESPACES, configurer = RemoveAfterThreeSeconds.class)
    void aPartitionThatHealsBeforeTheDeadlineRemovesNobodyOneThatLastsRemovesTheCutOffVoter(EtcdTestCluster cluster)
            throws InterruptedException {
        TestNode leader = cluster.leader();
        TestNode follower = cluster.followers().get(0);

        cluster.partition(Set.of(follower));
        Thread.sleep(AFTER.minusSeconds(1).toMillis()); // the fault itself: a partition 1 s shorter than the period
        cluster.heal();

        await().during(DUE).atMost(DUE.plus(Waits.RECOVERY)).untilAsserted(() -> assertThat(names(leader)).hasSize(3));

        cluster.partition(Set.of(follower));

        await().atMost(DUE).untilAsserted(() -> assertThat(names(leader)).doesNotContain(follower.name()).hasSize(2));
        cluster.heal();
    }

    @Test
    @EtcdCluster(nodes = 3, network = Network.NAMESPACES, configurer = RemoveAfterThreeSeconds.class)
    void aLeaderCutOffFromTheOthersIsRemovedByThemAndRemovesNobody(EtcdTestCluster cluster) {
        TestNode isolated = cluster.leader();
        List<TestNode> majority = cluster.followers();

        cluster.partition(Set.of(isolated));

        for (TestNode node : majority) {
            await().atMost(DUE).untilAsserted(() -> assertThat(names(node))
                    .containsExactlyInAnyOrder(majority.get(0).name(), majority.get(1).name()));
        }
        cluster.heal();
    }

    private static List<String> names(TestNode node) {
        return node.member().members().stream().map(Member::name).toList();
    }
}
