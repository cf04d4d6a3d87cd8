/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's way back from a snapshot: {@code snapshot}, then {@code server --restore} on a new host. */
class RestoreIT {

    private static final Duration CALL = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @RegisterExtension
    final CliServers servers = new CliServers();

    @Test
    void aSnapshotSavedByTheCliStartsANewClusterOnAnotherHost() throws Exception {
        Process old = servers.start("server", config("old", "127.0.0.21"));
        URI oldUrl = URI.create("http://127.0.0.21:2379");
        try (Client client = CliServers.awaitClient(oldUrl)) {
            client.getKVClient().put(bytes("kept"), bytes("across the restore")).get(CALL.toMillis(), TimeUnit.MILLISECONDS);
        }
        Path backup = dir.resolve("backup.db");
        CliProcess.Result saved = CliProcess.run(dir, "snapshot", oldUrl.toString(), backup.toString());
        assertThat(saved.exitCode()).as(saved.stdout() + saved.stderr()).isZero();
        assertThat(CliServers.stop(old)).isTrue();

        servers.start("server", config("new", "127.0.0.22"), "--restore", backup.toString());

        try (Client client = CliServers.awaitClient(URI.create("http://127.0.0.22:2379"))) {
            assertThat(client.getKVClient().get(bytes("kept")).get(CALL.toMillis(), TimeUnit.MILLISECONDS).getKvs())
                    .singleElement().satisfies(kv -> assertThat(kv.getValue().toString(StandardCharsets.UTF_8))
                            .isEqualTo("across the restore"));
        }
        assertThat(EtcdAdmin.connect(URI.create("http://127.0.0.22:2379")).members()).extracting(Member::name)
                .containsExactly("new");
    }

    private Path config(String name, String host) throws IOException {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                data-dir: %s
                listen-peer-urls: http://%s:2380
                listen-client-urls: http://%s:2379
                initial-cluster: %s=http://%s:2380
                heartbeat-interval: 10
                election-timeout: 100
                embedded:
                  http-host: %s
                """.formatted(name, dir.resolve(name + ".etcd"), host, host, name, host, host));
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
