/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.security;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.testkit.EtcdCluster;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import io.github.embeddedetcd.testkit.Kv;
import io.github.embeddedetcd.testkit.TestNode;
import io.github.embeddedetcd.testkit.Waits;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Test clusters with TLS on client and peer URLs, and with authentication: faults and membership changes still work. */
class SecureClusterTest {

    /** Peer TLS with mutual authentication: a 3-member cluster, a learner's join and promotion, a removal. */
    @Test
    @EtcdCluster(nodes = 3, tls = true, auth = true)
    void aTlsClusterWithAuthenticationJoinsPromotesAndRemoves(EtcdTestCluster cluster, Client client) throws Exception {
        assertThat(cluster.clientEndpoints()).allSatisfy(url -> assertThat(url.getScheme()).isEqualTo("https"));
        assertThat(cluster.peerEndpoints()).allSatisfy(url -> assertThat(url.getScheme()).isEqualTo("https"));
        Kv.put(client, "secure", "yes");

        TestNode added = cluster.addNode();
        assertThat(added.member().members()).hasSize(4).noneMatch(Member::learner);
        cluster.removeNode(cluster.node(0));
        cluster.kill(cluster.awaitLeader(Waits.RECOVERY));   // removing the leader starts an election
        cluster.awaitLeader(Waits.RECOVERY);

        try (Client own = EtcdAdmin.builder().endpoints(cluster.clientEndpoints()).tls(cluster.clientTls())
                .credentials(cluster.credentials().orElseThrow()).build().newClient()) {
            await().atMost(Waits.RECOVERY).ignoreExceptions()
                    .untilAsserted(() -> assertThat(Kv.get(own, "secure")).contains("yes"));
        }
    }
}
