/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.membership;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.LocalCluster;
import io.github.embeddedetcd.LogCapture;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MemberNotFoundException;
import io.github.embeddedetcd.MemberRemovedException;
import io.github.embeddedetcd.QuorumRefusedException;
import io.github.embeddedetcd.RecordingListener;
import io.github.embeddedetcd.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RemovalTest {

    @TempDir
    Path dir;

    @Test
    void removingAFollowerStopsItAndItCanRejoinUnderTheSameName() throws Exception {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            EmbeddedEtcd n1 = cluster.member("n1", 1).start();
            EmbeddedEtcd n2 = cluster.member("n2", 2).join(LocalCluster.endpoints(n1));
            RecordingListener n3Events = new RecordingListener();
            EmbeddedEtcd n3 = cluster.member("n3", 3, n3Events, c -> c).join(LocalCluster.endpoints(n1));
            String n3Id = String.format("%016x", LocalCluster.idOf(n1, "n3"));

            n1.remove("n3");

            await().atMost(Waits.RECONFIGURATION).until(() -> !n3.isRunning());
            await().atMost(Waits.RECONFIGURATION).untilAsserted(() ->
                    assertThat(n3Events.events()).contains("self-removed:" + n3Id));
            assertThat(n1.members()).extracting(Member::name).containsExactlyInAnyOrder("n1", "n2");

            assertThatThrownBy(n3::start).isInstanceOf(MemberRemovedException.class)
                    .hasMessageContaining("Member 'n3' was removed from its cluster")
                    .hasMessageContaining("Join the cluster again");
            assertThat(removedCopies("n3")).hasSize(1);
            assertThatThrownBy(n3::start).as("refused again, never a new cluster of its own")
                    .isInstanceOf(MemberRemovedException.class).hasMessageContaining("must not start again");
            assertThat(removedCopies("n3")).hasSize(1);

            n3.join(LocalCluster.endpoints(n2));
            assertThat(n1.members()).extracting(Member::name).containsExactlyInAnyOrder("n1", "n2", "n3");
            assertThat(n3.isLearner()).isFalse();
            assertThat(LocalCluster.idOf(n1, "n3")).isNotEqualTo(Long.parseUnsignedLong(n3Id, 16));
        }
    }

    @Test
    void removingTheLeaderLetsTheOthersElectANewOne() {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            List<EmbeddedEtcd> members = cluster.threeVoters();
            EmbeddedEtcd n1 = members.get(0);
            EmbeddedEtcd n2 = members.get(1);
            EmbeddedEtcd n3 = members.get(2);

            n2.remove("n1");

            await().atMost(Waits.RECONFIGURATION).until(() -> !n1.isRunning());
            await().atMost(Waits.RECONFIGURATION).untilAsserted(() -> assertThat(n2.members())
                    .extracting(Member::name).containsExactlyInAnyOrder("n2", "n3"));
            await().atMost(Waits.RECONFIGURATION).untilAsserted(() -> assertThat(n3.members())
                    .filteredOn(Member::leader).hasSize(1));
        }
    }

    @Test
    void removingItselfStopsTheMemberAndTombstonesItsDataDir() {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            EmbeddedEtcd n1 = cluster.member("n1", 1).start();
            RecordingListener events = new RecordingListener();
            EmbeddedEtcd n2 = cluster.member("n2", 2, events, c -> c).join(LocalCluster.endpoints(n1));
            String n2Id = String.format("%016x", LocalCluster.idOf(n1, "n2"));

            n2.remove("n2");

            assertThat(n2.isRunning()).isFalse();
            assertThat(dir.resolve("n2/embedded-etcd/removed.json")).exists();
            await().atMost(Waits.RECONFIGURATION).untilAsserted(() ->
                    assertThat(events.events()).contains("self-removed:" + n2Id));
            assertThat(n1.members()).extracting(Member::name).containsExactly("n1");
        }
    }

    /** The member's etcd stops by itself when it learns of its removal; a close() racing it must not claim a stop. */
    @Test
    void aMemberClosedRightAfterItsRemovalIsNotReportedAsStoppedByClose() {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir); LogCapture log = LogCapture.of("io.github.embeddedetcd.MemberRun")) {
            EmbeddedEtcd n1 = cluster.member("n1", 1).start();
            EmbeddedEtcd n2 = cluster.member("n2", 2).join(LocalCluster.endpoints(n1));

            n1.remove("n2");
            n2.close();

            assertThat(n2.isRunning()).isFalse();
            assertThat(log.messages()).noneMatch(m -> m.contains("'n2' stopped (exit code -1)"));
            assertThat(n1.members()).extracting(Member::name).containsExactly("n1");
        }
    }

    @Test
    void anUnknownNameIsAnErrorThatListsTheMembers() {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            EmbeddedEtcd n1 = cluster.member("n1", 1).start();

            assertThatThrownBy(() -> n1.remove("n9"))
                    .isInstanceOf(MemberNotFoundException.class)
                    .hasMessageContaining("No member named 'n9' in the cluster. Members: n1 (");
            n1.remove(0x1234L);
        }
    }

    @Test
    void aRemovalThatWouldBreakQuorumIsRefusedInPlainWords() {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            List<EmbeddedEtcd> members = cluster.threeVoters();
            EmbeddedEtcd n1 = members.get(0);
            EmbeddedEtcd n2 = members.get(1);
            EmbeddedEtcd n3 = members.get(2);
            n3.close();

            assertThatThrownBy(() -> n1.remove("n2"))
                    .isInstanceOf(QuorumRefusedException.class)
                    .hasMessageContaining("etcd refused to remove n2")
                    .hasMessageContaining("quorum");
            assertThat(n1.members()).hasSize(3);
            assertThat(n2.isRunning()).isTrue();
        }
    }

    private Stream<Path> removedCopies(String name) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(name + ".removed-")).toList().stream();
        }
    }
}
