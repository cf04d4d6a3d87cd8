/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.membership;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.LocalCluster;
import io.github.embeddedetcd.LogCapture;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.RecordingListener;
import io.github.embeddedetcd.Waits;
import io.github.embeddedetcd.config.EtcdConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The leader removes a killed voter once it has been gone for embedded.remove-unreachable-after, within limits. */
class UnreachableVoterTest {

    private static final Duration AFTER = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aKilledVoterIsRemovedByTheLeaderOnceItWasGoneLongEnough() {
        RecordingListener events = new RecordingListener();
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            List<EmbeddedEtcd> members = threeVoters(cluster, events, 2);
            EmbeddedEtcd leader = awaitLeader(members);
            EmbeddedEtcd dead = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
            String deadId = String.format("%016x", LocalCluster.idOf(leader, dead.name()));

            dead.kill();

            await().atMost(AFTER.plus(Waits.RECONFIGURATION)).untilAsserted(() ->
                    assertThat(leader.members()).extracting(Member::name).hasSize(2).doesNotContain(dead.name()));
            await().atMost(Waits.CALL).untilAsserted(() -> assertThat(events.events())
                    .filteredOn(e -> e.startsWith("unreachable-removed:")).containsExactly("unreachable-removed:" + deadId));
        }
    }

    @Test
    void noVoterIsRemovedBelowTheMinimum() {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir);
             LogCapture log = LogCapture.of("io.github.embeddedetcd.internal.cluster.UnreachableVoters")) {
            List<EmbeddedEtcd> members = threeVoters(cluster, new RecordingListener(), 3);
            EmbeddedEtcd leader = awaitLeader(members);
            EmbeddedEtcd dead = members.stream().filter(m -> m != leader).findFirst().orElseThrow();

            dead.kill();

            await().atMost(AFTER.plus(Waits.RECONFIGURATION)).untilAsserted(() -> assertThat(log.messages())
                    .anySatisfy(m -> assertThat(m).contains("Not removing unreachable voter " + dead.name())
                            .contains("would leave 2 voters, fewer than embedded.minimum-voters (3)")));
            assertThat(leader.members()).extracting(Member::name).contains(dead.name()).hasSize(3);
            assertThat(log.messages()).as("said once").hasSize(1);
        }
    }

    /** @param events hears every member's events: only the leader removes */
    private static List<EmbeddedEtcd> threeVoters(LocalCluster cluster, RecordingListener events, int minimumVoters) {
        UnaryOperator<EtcdConfig.Builder> removal = c -> c.removeUnreachableAfter(AFTER).minimumVoters(minimumVoters);
        EmbeddedEtcd n1 = cluster.member("n1", 1, events, removal).start();
        return Stream.concat(Stream.of(n1), Stream.of("n2", "n3").map(name -> cluster.member(name, 0, events, removal)
                .join(LocalCluster.endpoints(n1)))).toList();
    }

    private static EmbeddedEtcd awaitLeader(List<EmbeddedEtcd> members) {
        return await().atMost(Waits.RECOVERY).until(() -> members.stream().filter(EmbeddedEtcd::isLeader).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
