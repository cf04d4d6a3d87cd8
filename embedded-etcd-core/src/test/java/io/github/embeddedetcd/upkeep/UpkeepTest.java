/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.upkeep;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.LocalCluster;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MembershipListener;
import io.github.embeddedetcd.RecordingListener;
import io.github.embeddedetcd.Waits;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.github.embeddedetcd.Kv.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The leader's upkeep on a real three-member cluster: NOSPACE cleared the safe way, and scheduled defragmentation. */
class UpkeepTest {

    private static final long QUOTA = 4L * 1024 * 1024;
    private static final int VALUE_BYTES = 64 * 1024;
    /** Far more puts than a 4 MiB quota holds of 64 KiB values kept in history: the fill loop is bounded. */
    private static final int MOST_PUTS = 400;
    private static final Duration CHECK = Duration.ofMillis(300);
    private static final long THRESHOLD = 512 * 1024L;
    /** A few checks, and a defragmentation of each of three small databases. */
    private static final Duration UPKEEP_ROUND = CHECK.multipliedBy(10).plus(Waits.CALL.multipliedBy(3));

    @TempDir
    Path dir;

    @Test
    void noSpaceIsClearedByCompactionThenDefragmentationThenDisarming() throws Exception {
        RecordingListener events = new RecordingListener();
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            List<EmbeddedEtcd> members = threeMembers(cluster, events, c -> c);
            EmbeddedEtcd leader = awaitLeader(members);
            Client client = leader.client();

            List<String> lastTwo = fillUntilNoSpace(client);

            await().atMost(UPKEEP_ROUND).untilAsserted(() -> assertThat(events.events())
                    .anyMatch(e -> e.startsWith("alarm-raised:NOSPACE:"))
                    .anyMatch(e -> e.startsWith("alarm-cleared:NOSPACE:")));
            put(client, "after", "accepted");
            // etcd applies the put that crosses the quota and still answers NOSPACE: that one may have been kept
            assertThat(value(client, "fill")).as("the last acknowledged write, or the refused one").isIn(lastTwo);
            await().atMost(UPKEEP_ROUND).untilAsserted(() -> members.forEach(m -> {
                Upkeep upkeep = m.upkeep();
                assertThat(upkeep.alarms()).isEmpty();
                assertThat(upkeep.dbSizeBytes()).isLessThan(QUOTA * 8 / 10);
            }));
            assertThat(members.stream().mapToLong(m -> m.upkeep().nospaceCleared()).sum()).isPositive();
            assertThat(events.events()).filteredOn(e -> e.startsWith("defragmented:")).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void scheduledDefragmentationNeverTakesTheLeaderWhileItLeads() throws Exception {
        LeaderAtDefragmentation defragmented = new LeaderAtDefragmentation();
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            List<EmbeddedEtcd> members = threeMembers(cluster, defragmented, c -> c.set(Settings.DEFRAG_INTERVAL,
                    CHECK.multipliedBy(3)).set(Settings.DEFRAG_THRESHOLD_BYTES, THRESHOLD));
            EmbeddedEtcd leader = awaitLeader(members);
            String leaderId = leader.members().stream().filter(m -> m.name().equals(leader.name())).findFirst()
                    .orElseThrow().idHex();
            Client client = leader.client();

            long revision = 0;
            for (int i = 0; i < 24; i++) {
                revision = put(client, "garbage/" + i, "x".repeat(VALUE_BYTES));
            }
            client.getKVClient().delete(bytes("garbage/"), DeleteOption.builder().isPrefix(true).build())
                    .get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);
            client.getKVClient().compact(revision + 1, CompactOption.builder().withCompactPhysical(true).build())
                    .get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);

            // bbolt counts the pages a compaction freed only at later commits, and an idle backend does not commit:
            // small writes while waiting, as a live cluster has them
            int[] writes = {0};
            await().atMost(UPKEEP_ROUND.multipliedBy(2)).pollInterval(CHECK).untilAsserted(() -> {
                put(client, "tick/" + writes[0]++, "v");
                assertThat(defragmented.ids()).containsExactlyInAnyOrderElementsOf(members.stream()
                        .map(m -> LocalCluster.idOf(leader, m.name())).map(id -> String.format("%016x", id)).toList());
            });
            assertThat(defragmented.whileLeading).as("defragmented while leading").isEmpty();
            assertThat(defragmented.ids()).as("the first leader too, after handing over").contains(leaderId);
            await().atMost(UPKEEP_ROUND).untilAsserted(() -> members.forEach(m -> assertThat(m.upkeep().dbSizeBytes())
                    .as("%s after its defragmentation", m.name()).isLessThan(THRESHOLD)));
        }
    }

    /** Records each defragmented member, and those that led the cluster as they were defragmented (etcd said so right before). */
    private static final class LeaderAtDefragmentation implements MembershipListener {
        private final Set<String> defragmented = ConcurrentHashMap.newKeySet();
        private final List<String> whileLeading = new CopyOnWriteArrayList<>();

        @Override
        public void memberDefragmented(Member member, long dbSizeBefore, long dbSizeAfter) {
            defragmented.add(member.idHex());
            if (member.leader()) {
                whileLeading.add(member.idHex());
            }
        }

        Set<String> ids() {
            return Set.copyOf(defragmented);
        }
    }

    private static List<EmbeddedEtcd> threeMembers(LocalCluster cluster, MembershipListener events,
                                                   UnaryOperator<EtcdConfig.Builder> tweak) {
        UnaryOperator<EtcdConfig.Builder> upkeep = c -> tweak.apply(c.set(Settings.QUOTA_BACKEND_BYTES, QUOTA)
                .set(Settings.UPKEEP_INTERVAL, CHECK)
                // no auto-compaction: history piles up until NOSPACE, and what is compacted the test decides
                .setText("auto-compaction-retention", List.of("0")));
        EmbeddedEtcd n1 = cluster.member("n1", 0, events, upkeep).start();
        return Stream.concat(Stream.of(n1), Stream.of("n2", "n3").map(name -> cluster.member(name, 0, events, upkeep)
                .join(LocalCluster.endpoints(n1)))).toList();
    }

    /**
     * Overwrites one key with 64 KiB values until etcd refuses for NOSPACE; returns the last value it
     * acknowledged and the one it refused.
     */
    private static List<String> fillUntilNoSpace(Client client) throws Exception {
        String acknowledged = null;
        for (int i = 0; i < MOST_PUTS; i++) {
            String value = i + ":" + "x".repeat(VALUE_BYTES);
            try {
                put(client, "fill", value);
                acknowledged = value;
            } catch (ExecutionException refused) {
                assertThat(refused).hasMessageContaining("database space exceeded");
                return Arrays.asList(acknowledged, value);
            }
        }
        throw new AssertionError(MOST_PUTS + " puts of " + VALUE_BYTES + " bytes never filled a quota of " + QUOTA);
    }

    private static long put(Client client, String key, String value) throws Exception {
        return client.getKVClient().put(bytes(key), ByteSequence.from(value, StandardCharsets.UTF_8))
                .get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS).getHeader().getRevision();
    }

    private static String value(Client client, String key) throws Exception {
        return client.getKVClient().get(bytes(key)).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS).getKvs()
                .get(0).getValue().toString(StandardCharsets.UTF_8);
    }

    private static EmbeddedEtcd awaitLeader(List<EmbeddedEtcd> members) {
        return await().atMost(Waits.RECOVERY).until(() -> members.stream().filter(EmbeddedEtcd::isLeader).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
