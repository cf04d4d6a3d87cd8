/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One cluster for the whole class, injected into the constructor and the methods. */
@EtcdCluster(nodes = 1)
class SharedClusterTest {

    private static EtcdTestCluster first;
    private final EtcdTestCluster cluster;

    SharedClusterTest(EtcdTestCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void theClassSharesOneCluster(EtcdTestCluster injected, Client client) throws Exception {
        assertThat(injected).isSameAs(cluster);
        if (first != null) {
            assertThat(injected).isSameAs(first);
        }
        first = injected;
        Kv.put(client, "shared", "yes");
    }

    @Test
    void aSecondTestSeesTheSameCluster(EtcdTestCluster injected) {
        if (first != null) {
            assertThat(injected).isSameAs(first);
        }
        first = injected;
        assertThat(injected.nodes()).hasSize(1);
    }
}
