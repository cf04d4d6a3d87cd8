/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.membership;

import io.github.embeddedetcd.LocalCluster;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.JoinTimeoutException;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.RecordingListener;
import io.github.embeddedetcd.Waits;
import io.github.embeddedetcd.config.EtcdConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A member on an empty data dir never bootstraps a second cluster while its cluster runs: it asks
 * its peers first, and a lost volume whose member is still registered joins anew.
 */
class NeverASecondClusterTest {

    /** Long enough for the other peers' etcd to answer when they start at the same time. */
    private static final Duration DISCOVERY = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void peersStartedTogetherFormOneClusterAndTheFirstRejoinsAfterLosingItsVolume() throws Exception {
        int[] clientPorts = IntStream.range(0, 3).map(i -> FreePorts.next()).toArray();
        List<URI> peers = IntStream.of(clientPorts).mapToObj(port -> URI.create("http://127.0.0.1:" + port)).toList();
        RecordingListener n1Events = new RecordingListener();
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            List<EmbeddedEtcd> members = IntStream.range(0, 3).mapToObj(i -> cluster.member("n" + (i + 1), i + 1,
                    i == 0 ? n1Events : null, c -> c.clientUrl(peers.get(i)).peerUrl(URI.create("http://127.0.0.1:"
                            + FreePorts.next())).peerEndpoints(peers).discoveryTimeout(DISCOVERY))).toList();

            startTogether(members);

            assertOneClusterOfVoters(members, "n1", "n2", "n3");
            EmbeddedEtcd n1 = members.get(0);
            long lostId = LocalCluster.idOf(members.get(1), "n1");
            n1.close();
            n1.deleteData();

            n1.start();

            assertOneClusterOfVoters(members, "n1", "n2", "n3");
            assertThat(LocalCluster.idOf(members.get(1), "n1")).as("a new member").isNotEqualTo(lostId);
            await().atMost(Waits.CALL).untilAsserted(() -> assertThat(n1Events.events())
                    .contains("rejoined-after-data-loss:" + String.format("%016x", lostId)));
        }
    }

    @Test
    void aStaticMemberThatLostItsVolumeRejoinsOnlyWhileTheOthersKeepAMajority() throws Exception {
        Map<String, URI> peerUrls = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            peerUrls.put("n" + i, URI.create("http://127.0.0.1:" + FreePorts.next()));
        }
        Map<String, List<URI>> initialCluster = new LinkedHashMap<>();
        peerUrls.forEach((name, url) -> initialCluster.put(name, List.of(url)));
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            UnaryOperator<EtcdConfig.Builder> staticMember = c -> c.peerUrl(peerUrls.get(c.build().name()))
                    .initialCluster(initialCluster);
            List<EmbeddedEtcd> members = List.of(cluster.member("n1", 1, null, staticMember),
                    cluster.member("n2", 2, null, staticMember), cluster.member("n3", 3, null, staticMember));
            startTogether(members);
            assertOneClusterOfVoters(members, "n1", "n2", "n3");
            EmbeddedEtcd n3 = members.get(2);
            n3.close();
            n3.deleteData();

            EmbeddedEtcd switchedOff = cluster.member("n3", 3, null, c -> staticMember.apply(c)
                    .clientUrl(n3.clientEndpoints().get(0)).rejoinAfterDataLoss(false));
            assertThatThrownBy(switchedOff::start).isInstanceOf(EmbeddedEtcdException.class)
                    .hasMessageContaining("which has already run").hasMessageContaining("embedded.rejoin-after-data-loss");

            members.get(1).close();
            EmbeddedEtcd withoutMajority = cluster.member("n3", 3, null, c -> staticMember.apply(c)
                    .clientUrl(n3.clientEndpoints().get(0)).joinTimeout(Duration.ofSeconds(3)));
            assertThatThrownBy(withoutMajority::start).isInstanceOf(JoinTimeoutException.class)
                    .hasMessageContaining("only 0 of the 2 voters that would remain answer with a leader")
                    .hasMessageContaining("keep a majority without it");
            assertThat(members.get(0).members()).extracting(Member::name).as("nothing removed")
                    .containsExactlyInAnyOrder("n1", "n2", "n3");

            members.get(1).start();
            n3.start();

            assertOneClusterOfVoters(members, "n1", "n2", "n3");
        }
    }

    private static void startTogether(List<EmbeddedEtcd> members) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(members.size());
        try {
            List<Future<EmbeddedEtcd>> starts = members.stream().map(m -> threads.submit(m::start)).toList();
            for (Future<EmbeddedEtcd> start : starts) {
                start.get(Waits.RECONFIGURATION.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Every member sees the same members, all voters: one cluster, not two. */
    private static void assertOneClusterOfVoters(List<EmbeddedEtcd> members, String... names) {
        await().atMost(Waits.RECONFIGURATION).untilAsserted(() -> {
            List<Long> ids = members.get(0).members().stream().map(Member::id).sorted().toList();
            for (EmbeddedEtcd member : members) {
                assertThat(member.members()).extracting(Member::name).containsExactlyInAnyOrder(names);
                assertThat(member.members()).noneMatch(Member::learner);
                assertThat(member.members().stream().map(Member::id).sorted().toList()).isEqualTo(ids);
            }
        });
    }
}
