/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.recovery;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.recovery.ExistingCluster.Sighting;
import io.github.embeddedetcd.internal.recovery.ExistingCluster.Verdict;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the peers' answers mean to a member about to bootstrap on an empty data dir. */
class ExistingClusterTest {

    private static final URI C2 = URI.create("http://127.0.0.2:2379");
    private static final URI C3 = URI.create("http://127.0.0.3:2379");

    @Test
    void noAnswerMeansNothingKnownYet() {
        Verdict verdict = ExistingCluster.judge(staticMember(), List.of());

        assertThat(verdict.joinVia()).isEmpty();
        assertThat(verdict.sameFormation()).isFalse();
    }

    @Test
    void aPeerFormingTheSameNewClusterIsNoReasonNotToBootstrap() {
        Sighting n2 = new Sighting("n2", Optional.empty(), List.of(unstarted(1), started(2, C2), unstarted(3)),
                Optional.empty());

        Verdict verdict = ExistingCluster.judge(staticMember(), List.of(n2));

        assertThat(verdict.sameFormation()).isTrue();
        assertThat(verdict.joinVia()).isEmpty();
    }

    @Test
    void aClusterWhereThisMemberHasRunIsJoinedThroughItsOtherMembers() {
        Sighting n2 = new Sighting("n2", Optional.empty(), List.of(started(1, URI.create("http://127.0.0.1:2379")),
                started(2, C2), started(3, C3)), Optional.empty());

        Verdict verdict = ExistingCluster.judge(staticMember(), List.of(n2));

        assertThat(verdict.joinVia()).contains(List.of(C2, C3));
        assertThat(verdict.why()).contains("still registered as n1[").contains("its data was lost");
    }

    @Test
    void aRunningClusterWithoutThisMemberIsJoinedThroughThePeerThatAnsweredFirst() {
        EtcdConfig first = config(Map.of("n1", List.of(peer(1)))).peerEndpoints(List.of(client(1), C2, C3)).build();
        Sighting n2 = new Sighting(C2.toString(), Optional.of(C2), List.of(started(2, C2), started(3, C3)),
                Optional.of(7L));

        Verdict verdict = ExistingCluster.judge(first, List.of(n2));

        assertThat(verdict.joinVia()).contains(List.of(C2, C3));
    }

    @Test
    void twoClustersAmongThePeersAreRefusedNamingBoth() {
        EtcdConfig first = config(Map.of("n1", List.of(peer(1)))).peerEndpoints(List.of(client(1), C2, C3)).build();
        Sighting n2 = new Sighting(C2.toString(), Optional.of(C2), List.of(started(2, C2)), Optional.of(0xaL));
        Sighting n3 = new Sighting(C3.toString(), Optional.of(C3), List.of(started(3, C3)), Optional.of(0xbL));

        assertThatThrownBy(() -> ExistingCluster.judge(first, List.of(n2, n3)))
                .isInstanceOf(EmbeddedEtcdException.class).hasMessageContaining("more than one cluster")
                .hasMessageContaining(C2 + " is in cluster a").hasMessageContaining(C3 + " is in cluster b");
    }

    @Test
    void aRunningClusterWithoutClientUrlsToJoinThroughIsRefused() {
        Sighting n2 = new Sighting("member 'n2'", Optional.empty(), List.of(started(1, URI.create("http://127.0.0.1:2379")),
                new Member(2, "n2", List.of(peer(2)), List.of(), false, false, Optional.empty())), Optional.empty());

        assertThatThrownBy(() -> ExistingCluster.judge(staticMember(), List.of(n2)))
                .isInstanceOf(EmbeddedEtcdException.class).hasMessageContaining("none of its members advertises a "
                        + "client URL").hasMessageContaining("embedded.join-endpoints");
    }

    /** n1 of a static three-member cluster on 127.0.0.1-3. */
    private static EtcdConfig staticMember() {
        Map<String, List<URI>> cluster = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            cluster.put("n" + i, List.of(peer(i)));
        }
        return config(cluster).build();
    }

    private static EtcdConfig.Builder config(Map<String, List<URI>> initialCluster) {
        return EtcdConfig.builder().name("n1").dataDir(Path.of("n1.etcd")).clientUrl(client(1)).peerUrl(peer(1))
                .initialCluster(initialCluster);
    }

    private static Member started(int i, URI clientUrl) {
        return new Member(i, "n" + i, List.of(peer(i)), List.of(clientUrl), false, false, Optional.empty());
    }

    /** As a static cluster lists a member before it first runs: named, but without client URLs. */
    private static Member unstarted(int i) {
        return new Member(i, "n" + i, List.of(peer(i)), List.of(), false, false, Optional.empty());
    }

    private static URI peer(int i) {
        return URI.create("http://127.0.0.%d:2380".formatted(i));
    }

    private static URI client(int i) {
        return URI.create("http://127.0.0.%d:2379".formatted(i));
    }
}
