/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.snapshot.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A runbook rehearsed in JUnit: a majority lost with its data, the cluster rebuilt from its snapshot. */
class DisasterRehearsalTest {

    @TempDir
    Path dir;

    @Test
    void aClusterThatLostTwoOfThreeVolumesIsRebuiltFromItsSnapshot() throws Exception {
        Snapshot snapshot;
        try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(3).start()) {
            Kv.put(cluster.client(), "order-1", "paid");
            snapshot = cluster.snapshot(dir.resolve("nightly.db"));
            Kv.put(cluster.client(), "order-2", "after the snapshot");

            cluster.destroy(cluster.node(1));
            cluster.destroy(cluster.node(2));

            assertThat(cluster.node(1).dataDir()).doesNotExist();
            assertThatThrownBy(() -> Kv.put(cluster.clientFor(cluster.node(0)), "order-3", "no quorum"))
                    .as("one of three members cannot commit").isInstanceOf(Exception.class);
        }

        try (EtcdTestCluster rebuilt = EtcdTestCluster.builder().nodes(3).restoreFrom(snapshot.file()).start()) {
            assertThat(Kv.get(rebuilt.client(), "order-1")).contains("paid");
            assertThat(Kv.get(rebuilt.client(), "order-2")).isEmpty();
            assertThat(rebuilt.node(0).member().members()).hasSize(3).noneMatch(Member::learner);
            Kv.put(rebuilt.client(), "order-3", "back in business");
        }
    }

    @Test
    void aClusterThatLostTwoOfThreeMembersIsResetToTheNewestSurvivorWithEveryAcknowledgedWrite() throws Exception {
        try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(3).start()) {
            TestNode behind = cluster.node(2);
            Kv.put(cluster.client(), "order-1", "paid");
            cluster.stop(behind);
            Kv.put(cluster.client(), "order-2", "shipped");
            // what a survivor keeps is what it had applied: a member learns that an entry is committed
            // with the leader's next message, and --force-new-cluster drops the entries after its commit index
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(Kv.localGet(cluster.clientFor(cluster.node(1)), "order-2")).contains("shipped"));
            cluster.destroy(cluster.node(0));
            cluster.kill(cluster.node(1));

            TestNode survivor = cluster.recoverQuorum();

            assertThat(survivor.name()).as("the newest data: the node that saw order-2").isEqualTo(cluster.node(1).name());
            assertThat(Kv.get(cluster.clientFor(survivor), "order-1")).contains("paid");
            assertThat(Kv.get(cluster.clientFor(survivor), "order-2")).contains("shipped");
            assertThat(survivor.member().members()).hasSize(3).noneMatch(Member::learner);
            Kv.put(cluster.client(), "order-3", "back in business");
        }
    }
}
