/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.membership;

import io.etcd.jetcd.ByteSequence;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.Members;
import io.github.embeddedetcd.TestNodes;
import io.github.embeddedetcd.Waits;
import io.github.embeddedetcd.config.EtcdConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Host names instead of IP addresses in every URL the library reads, as a deployment with DNS
 * names (a Kubernetes StatefulSet's headless service) writes them; {@code localhost} here, the one
 * name etcd also accepts in listen URLs.
 */
class HostNameUrlsTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final Members members = new Members();

    @Test
    void aClusterFormsJoinsPromotesAndRemovesWithHostNamesInEveryUrl() throws Exception {
        int firstClient = FreePorts.next();
        int firstPeer = FreePorts.next();
        EmbeddedEtcd first = start(EmbeddedEtcd.builder().config(named("n1", firstClient, firstPeer)
                .initialCluster("n1=http://localhost:" + firstPeer).build()).build());
        URI joinVia = URI.create("http://localhost:" + firstClient);
        EmbeddedEtcd second = EmbeddedEtcd.builder().config(named("n2", FreePorts.next(), FreePorts.next()).build())
                .join(joinVia);
        members.add(second);
        EmbeddedEtcd third = start(EmbeddedEtcd.builder().config(named("n3", FreePorts.next(), FreePorts.next())
                .joinEndpoints(List.of(joinVia, second.clientEndpoints().get(0))).build()).build());

        EtcdAdmin admin = EtcdAdmin.builder().endpoints(first.clientEndpoints()).build();
        assertThat(admin.members()).extracting(Member::name).containsExactlyInAnyOrder("n1", "n2", "n3");
        assertThat(admin.members()).allSatisfy(member -> {
            assertThat(member.peerUrls()).allSatisfy(url -> assertThat(url.getHost()).isEqualTo("localhost"));
            assertThat(member.clientUrls()).allSatisfy(url -> assertThat(url.getHost()).isEqualTo("localhost"));
        });
        await().atMost(Waits.RECONFIGURATION)
                .untilAsserted(() -> assertThat(admin.members()).hasSize(3).noneMatch(Member::learner));
        ByteSequence key = ByteSequence.from("named", StandardCharsets.UTF_8);
        third.client().getKVClient().put(key, ByteSequence.from("hosts", StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        assertThat(first.client().getKVClient().get(key).get(10, TimeUnit.SECONDS).getCount()).isEqualTo(1);

        first.remove("n3");
        assertThat(third.onStop()).succeedsWithin(Waits.RECONFIGURATION);
        assertThat(admin.members()).extracting(Member::name).containsExactlyInAnyOrder("n1", "n2");
    }

    private EmbeddedEtcd start(EmbeddedEtcd member) {
        members.add(member);
        return member.start();
    }

    /** A member whose listen and advertised URLs all name localhost. */
    private EtcdConfig.Builder named(String name, int clientPort, int peerPort) {
        return TestNodes.config(name, dir.resolve(name))
                .clientUrl(URI.create("http://localhost:" + clientPort))
                .peerUrl(URI.create("http://localhost:" + peerPort));
    }
}
