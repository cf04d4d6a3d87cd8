/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.security;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.TransportSecurity;
import io.github.embeddedetcd.testkit.Kv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * etcd's {@code auto-tls}: members make self-signed certificates for themselves. The library's
 * calls and clients then encrypt without verifying the certificates, which nothing could verify.
 */
class AutoTlsTest {

    private static final TransportSecurity AUTO_TLS = TransportSecurity.NONE.withAutoTls(true);

    @TempDir
    Path dir;

    private final List<EmbeddedEtcd> members = new ArrayList<>();

    @AfterEach
    void closeMembers() {
        EmbeddedEtcd.closeAll(members);
    }

    @Test
    void membersWithAutoTlsOnClientAndPeerUrlsJoinThroughHttpsAndArePromoted() throws Exception {
        EmbeddedEtcd first = member("n1", "https", "https").start();
        for (String name : List.of("n2", "n3")) {
            member(name, "https", "https").join(first.clientEndpoints().toArray(URI[]::new));
        }

        assertThat(first.members()).hasSize(3).noneMatch(Member::learner).allSatisfy(m -> {
            assertThat(m.clientUrls()).allSatisfy(url -> assertThat(url.getScheme()).isEqualTo("https"));
            assertThat(m.peerUrls()).allSatisfy(url -> assertThat(url.getScheme()).isEqualTo("https"));
        });
        Kv.put(members.get(2).client(), "auto", "tls");
        EtcdAdmin admin = EtcdAdmin.builder().endpoints(first.clientEndpoints())
                .tls(ClientTls.TRUST_ANY_SERVER).build();
        try (Client own = admin.newClient()) {
            assertThat(Kv.get(own, "auto")).contains("tls");
        }
    }

    @Test
    void peerAutoTlsUnderPlainClientUrls() {
        EmbeddedEtcd first = member("n1", "http", "https").start();
        EmbeddedEtcd second = member("n2", "http", "https");
        second.join(first.clientEndpoints().toArray(URI[]::new));

        assertThat(second.members()).hasSize(2).noneMatch(Member::learner)
                .allSatisfy(m -> assertThat(m.peerUrls()).allSatisfy(url -> assertThat(url.getScheme()).isEqualTo("https")));
    }

    private EmbeddedEtcd member(String name, String clientScheme, String peerScheme) {
        EtcdConfig config = EtcdConfig.builder().name(name).dataDir(dir.resolve(name))
                .clientUrl(URI.create(clientScheme + "://127.0.0.1:" + FreePorts.next()))
                .peerUrl(URI.create(peerScheme + "://127.0.0.1:" + FreePorts.next()))
                .clientTransportSecurity(clientScheme.equals("https") ? AUTO_TLS : TransportSecurity.NONE)
                .peerTransportSecurity(AUTO_TLS)
                .heartbeatIntervalMillis(10).electionTimeoutMillis(100).build();
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config).serviceLoaderListeners(false).build();
        members.add(member);
        return member;
    }
}
