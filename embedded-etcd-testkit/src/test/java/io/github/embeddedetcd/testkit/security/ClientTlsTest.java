/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.security;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.TransportSecurity;
import io.github.embeddedetcd.testkit.TestCertificates;
import io.github.embeddedetcd.testkit.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Client and peer TLS with mutual authentication: every call of the library and its client speak TLS. */
class ClientTlsTest {

    @TempDir
    Path dir;

    @Test
    void aMemberWithMutualTlsServesTheLibraryAndItsClients() throws Exception {
        TestCertificates certificates = TestCertificates.createIn(dir.resolve("tls"));
        TestCertificates.Issued server = certificates.issue("n1", List.of("127.0.0.1", "localhost"));
        TransportSecurity mutual = new TransportSecurity(server.certFile(), server.keyFile(), true,
                certificates.caFile(), false);
        URI client = URI.create("https://127.0.0.1:" + FreePorts.next());
        EtcdConfig config = EtcdConfig.builder().name("n1").dataDir(dir.resolve("n1")).clientUrl(client)
                .peerUrl(URI.create("https://127.0.0.1:" + FreePorts.next()))
                .clientTransportSecurity(mutual).peerTransportSecurity(mutual)
                .heartbeatIntervalMillis(10).electionTimeoutMillis(100).build();

        try (EmbeddedEtcd member = EmbeddedEtcd.builder().config(config).serviceLoaderListeners(false).start()) {
            member.client().getKVClient().put(bytes("k"), bytes("v")).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);

            TestCertificates.Issued user = certificates.issue("operator", List.of());
            EtcdAdmin admin = EtcdAdmin.builder().endpoints(client)
                    .tls(ClientTls.trusting(certificates.caFile()).withClientCertificate(user.certFile(), user.keyFile()))
                    .build();
            assertThat(admin.members()).singleElement().satisfies(m -> {
                assertThat(m.name()).isEqualTo("n1");
                assertThat(m.leader()).isTrue();
                assertThat(m.clientUrls()).containsExactly(client);
            });
            assertThat(admin.isHealthy(client)).isTrue();
            try (Client own = admin.newClient()) {
                assertThat(own.getKVClient().get(bytes("k")).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS).getKvs()).hasSize(1);
            }
            assertThat(member.members()).extracting(Member::name).containsExactly("n1");
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
