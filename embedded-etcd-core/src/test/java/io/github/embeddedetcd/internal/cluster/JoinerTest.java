/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.Members;
import io.github.embeddedetcd.TestNodes;
import io.github.embeddedetcd.Waits;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.datadir.JoinRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JoinerTest {

    @RegisterExtension
    final Members members = new Members();

    @TempDir
    Path dir;

    /**
     * etcd derives a new member's ID from its peer URLs and the current second, so a member
     * replaced at once (removed, then added with the same peer URLs) is first given the removed
     * one's ID, which etcd refuses as "member not found". A CI run of the damaged-member runbook
     * failed that way on 3.4.
     */
    @Test
    void aMemberRemovedAndAddedAgainWithinOneSecondIsAddedWithANewId() {
        EmbeddedEtcd n1 = members.start(EmbeddedEtcd.builder().config(TestNodes.config("n1", dir.resolve("n1")).build()));
        List<URI> via = n1.clientEndpoints();
        EtcdConfig n2 = TestNodes.config("n2", dir.resolve("n2")).joinTimeout(Waits.RECONFIGURATION).build();
        ClusterCalls calls = ClusterCalls.connect(via, EtcdAccess.of(n2));
        await().atMost(Waits.RECOVERY).until(() -> calls.clusterVersion(via.get(0)).isPresent());
        // Add, remove and add again take a few ms: starting early in a second keeps all three in it.
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> System.currentTimeMillis() % 1000 < 200);

        JoinRecord first = Joiner.register(n2, via, () -> false).record();
        calls.remove(first.memberId());
        JoinRecord second = Joiner.register(n2, via, () -> false).record();

        assertThat(second.memberId()).isNotEqualTo(first.memberId());
        assertThat(calls.members().members()).extracting(Member::id).contains(second.memberId())
                .doesNotContain(first.memberId());
    }
}
