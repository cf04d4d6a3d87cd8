/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.security;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.AuthenticationException;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.Credentials;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.testkit.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cluster with etcd authentication on: the library authenticates for every membership change. */
class AuthTest {

    private static final String PASSWORD = "s3cret-Pa55";

    @TempDir
    Path dir;

    @Test
    void membershipChangesWorkWithAuthenticationOnAndAWrongPasswordNamesTheUser() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("root.password"), PASSWORD + "\n");
        Credentials root = Credentials.fromFile("root", passwordFile);
        try (EmbeddedEtcd n1 = EmbeddedEtcd.builder().config(config("n1").credentials(root).build())
                .serviceLoaderListeners(false).start()) {
            enableAuthentication(n1.clientEndpoints().get(0));

            EmbeddedEtcd n2 = EmbeddedEtcd.builder().config(config("n2").credentials(root).build())
                    .serviceLoaderListeners(false).join(n1.clientEndpoints().toArray(URI[]::new));
            try (n2) {
                assertThat(n1.members()).extracting(Member::name).containsExactlyInAnyOrder("n1", "n2");
                n1.client().getKVClient().put(bytes("k"), bytes("v")).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);

                EtcdAdmin intruder = EtcdAdmin.builder().endpoints(n1.clientEndpoints())
                        .credentials(Credentials.of("root", "wrong")).build();
                assertThatThrownBy(() -> intruder.remove("n2")).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("refused the password of user 'root'")
                        .hasMessageNotContaining("wrong").hasMessageNotContaining(PASSWORD);

                EtcdAdmin anonymous = EtcdAdmin.connect(n1.clientEndpoints());
                assertThatThrownBy(() -> anonymous.remove("n2")).isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("need an etcd user with the root role");

                n1.remove("n2");
                assertThat(n1.members()).extracting(Member::name).containsExactly("n1");
            }
        }
    }

    private EtcdConfig.Builder config(String name) {
        return EtcdConfig.builder().name(name).dataDir(dir.resolve(name))
                .clientUrl(URI.create("http://127.0.0.1:" + FreePorts.next()))
                .peerUrl(URI.create("http://127.0.0.1:" + FreePorts.next()))
                .heartbeatIntervalMillis(10).electionTimeoutMillis(100);
    }

    /** As an operator would: the root user with the root role, then authentication on. */
    private static void enableAuthentication(URI endpoint) throws Exception {
        try (Client client = EtcdAdmin.connect(endpoint).newClient()) {
            client.getAuthClient().userAdd(bytes("root"), bytes(PASSWORD)).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);
            client.getAuthClient().userGrantRole(bytes("root"), bytes("root")).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);
            client.getAuthClient().authEnable().get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
