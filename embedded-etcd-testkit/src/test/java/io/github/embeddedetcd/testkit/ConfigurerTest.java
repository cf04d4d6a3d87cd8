/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.EtcdVersion;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A configurer class says what the annotation cannot: here two member settings. */
@EtcdCluster(nodes = 1, configurer = ConfigurerTest.SmallSnapshots.class)
class ConfigurerTest {

    /** Snapshots every 100 entries, and etcd's auto-compaction, which the annotation has no attribute for. */
    static final class SmallSnapshots implements EtcdClusterConfigurer {
        @Override
        public void configure(EtcdTestCluster.Builder builder) {
            builder.configure(c -> c.set(Settings.SNAPSHOT_COUNT, 100L)
                    .setText("auto-compaction-retention", List.of("30m")));
        }
    }

    @Test
    void theConfigurersSettingsReachEveryNode(EtcdTestCluster cluster) {
        assertThat(cluster.nodes()).allSatisfy(node -> {
            assertThat(node.member().config().snapshotCount()).isEqualTo(100L);
            assertThat(node.member().config().etcdFlags(ClusterState.NEW, EtcdVersion.MINIMUM)).contains("--auto-compaction-retention=30m");
        });
    }
}
