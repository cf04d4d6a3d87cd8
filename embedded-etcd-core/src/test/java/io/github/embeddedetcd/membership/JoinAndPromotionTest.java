/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.membership;

import io.github.embeddedetcd.LocalCluster;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.JoinRegistration;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MembershipListener;
import io.github.embeddedetcd.RecordingListener;
import io.github.embeddedetcd.TestNodes;
import io.github.embeddedetcd.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class JoinAndPromotionTest {

    @TempDir
    Path dir;

    @Test
    void threeMembersOnDistinctPortsBecomeVotersAndTheListenerSeesEachChangeOnce() {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            assertJoinSequence(cluster);
        }
    }

    @Test
    void threeMembersOnTheirOwnLoopbackAddressesLikeSeparateHosts() {
        try (LocalCluster cluster = LocalCluster.onLoopbackHosts(dir, "127.0.0.1")) {
            assertJoinSequence(cluster);
        }
    }

    private static void assertJoinSequence(LocalCluster cluster) {
        RecordingListener events = new RecordingListener();
        EmbeddedEtcd n1 = cluster.member("n1", 1, events, c -> c).start();
        EmbeddedEtcd n2 = cluster.member("n2", 2).join(LocalCluster.endpoints(n1));
        assertThat(n2.isLearner()).isFalse();
        EmbeddedEtcd n3 = cluster.member("n3", 3).join(LocalCluster.endpoints(n1));
        assertThat(n3.isLearner()).isFalse();

        List<Member> members = n1.members();
        assertThat(members).extracting(Member::name).containsExactlyInAnyOrder("n1", "n2", "n3");
        assertThat(members).noneMatch(Member::learner);
        assertThat(members).filteredOn(Member::leader).singleElement().extracting(Member::name).isEqualTo("n1");
        assertThat(members).allSatisfy(m -> assertThat(m.status()).isPresent());

        String id1 = hex(n1, "n1");
        String id2 = hex(n1, "n2");
        String id3 = hex(n1, "n3");
        await().atMost(Waits.RECONFIGURATION).untilAsserted(() -> assertThat(events.events()).containsExactly(
                "leader:" + id1, "added:" + id2, "promoted:" + id2, "added:" + id3, "promoted:" + id3));
    }

    @Test
    void twoMembersJoiningAtOnceBothBecomeVoters() throws Exception {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            EmbeddedEtcd n1 = cluster.member("n1", 1).start();
            EmbeddedEtcd n2 = cluster.member("n2", 2);
            EmbeddedEtcd n3 = cluster.member("n3", 3);

            CompletableFuture<EmbeddedEtcd> join2 = CompletableFuture.supplyAsync(() -> n2.join(LocalCluster.endpoints(n1)));
            CompletableFuture<EmbeddedEtcd> join3 = CompletableFuture.supplyAsync(() -> n3.join(LocalCluster.endpoints(n1)));
            join2.get(60, TimeUnit.SECONDS);
            join3.get(60, TimeUnit.SECONDS);

            assertThat(n1.members()).hasSize(3).noneMatch(Member::learner).allMatch(Member::started);
        }
    }

    @Test
    void aJoinThroughAnUnreachableEndpointFailsWithinItsTimeout() {
        URI nobody = URI.create("http://127.0.0.1:" + FreePorts.next());
        EmbeddedEtcd member = EmbeddedEtcd.builder()
                .config(TestNodes.config("lonely", dir.resolve("lonely")).joinTimeout(Duration.ofSeconds(2)).build())
                .build();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> member.join(nobody))
                .isInstanceOf(EmbeddedEtcdException.class)
                .hasMessageContaining("Could not join member 'lonely' via [" + nobody + "] within 2000 ms")
                .hasMessageContaining("no member answered"));
        assertThat(member.isRunning()).isFalse();
    }

    @Test
    void withoutAutoPromotionALearnerWaitsForAnExplicitPromote() {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            EmbeddedEtcd n1 = cluster.member("n1", 1, null, c -> c.autoPromote(false)).start();
            EmbeddedEtcd n2 = cluster.member("n2", 2, null, c -> c.autoPromote(false)).join(LocalCluster.endpoints(n1));

            assertThat(n2.isLearner()).isTrue();
            n1.promote("n2");
            await().atMost(Waits.RECONFIGURATION).until(() -> !n2.isLearner());
            n1.promote("n2");
        }
    }

    @Test
    void aRegisteredLearnerThatNeverStartsIsRemovedAfterTheStallTimeout() {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            RecordingListener events = new RecordingListener();
            EmbeddedEtcd n1 = cluster.member("n1", 1, events, c -> c.learnerStallTimeout(Duration.ofSeconds(1))).start();
            JoinRegistration record = cluster.member("ghost", 2).register(LocalCluster.endpoints(n1));
            String ghost = String.format("%016x", record.memberId());

            await().atMost(Waits.RECONFIGURATION).until(() -> n1.members().size() == 1);
            await().atMost(Waits.RECONFIGURATION).untilAsserted(() ->
                    assertThat(events.events()).containsSubsequence("added:" + ghost, "removed:" + ghost));
        }
    }

    @Test
    void aThrowingListenerDoesNotHarmTheMemberOrOtherListeners() {
        RecordingListener events = new RecordingListener();
        MembershipListener broken = new MembershipListener() {
            @Override
            public void leaderChanged(Member leader) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            EmbeddedEtcd n1 = cluster.member("n1", 1, broken, c -> c);
            EmbeddedEtcd started = EmbeddedEtcd.builder().config(n1.config()).listener(broken).listener(events)
                    .serviceLoaderListeners(false).build().start();
            try (started) {
                await().atMost(Waits.RECONFIGURATION).until(() -> !events.events().isEmpty());
                assertThat(started.isRunning()).isTrue();
            }
        }
    }

    private static String hex(EmbeddedEtcd observer, String name) {
        return String.format("%016x", LocalCluster.idOf(observer, name));
    }
}
