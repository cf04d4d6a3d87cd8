/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/backup.md's runbook for a member with damaged data, with the CLI: the member's WAL is
 * corrupted, etcd refuses to start on it, and the member is removed, its data moved aside, and
 * started again to join as a new member with a copy of the cluster's data.
 */
class DamagedMemberIT {

    private static final URI N1 = MemberYaml.clientUrl(host(1));

    @TempDir
    Path dir;

    @RegisterExtension
    final CliServers servers = new CliServers();

    @Test
    void aMemberWhoseDataIsDamagedIsRemovedAndJoinsAgainWithACopyOfTheData() throws Exception {
        servers.start("server", config(1, Optional.empty()));
        Path n3Config = config(3, Optional.of(N1));
        Process n3;
        try (Client client = CliServers.awaitClient(N1)) {
            servers.start("server", config(2, Optional.of(N1)));
            CliServers.awaitVoters(N1, 2);
            n3 = servers.start("server", n3Config);
            CliServers.awaitVoters(N1, 3);
            CliServers.writeKeys(client, 10);
        }
        assertThat(CliServers.stop(n3)).isTrue();
        damageTheFirstWalFile(MemberYaml.dataDir(dir, "n3"));

        CliProcess.Result refused = CliProcess.run(dir, "server", n3Config.toString());
        assertThat(refused.exitCode()).as(refused.stdout() + refused.stderr()).isEqualTo(1);
        assertThat(refused.stderr()).contains("etcd found its write-ahead log damaged")
                .contains("(docs/backup.md, \"A member with damaged data\")");

        CliProcess.Result removed = CliProcess.run(dir, "remove", N1.toString(), "n3");
        assertThat(removed.exitCode()).as(removed.stdout() + removed.stderr()).isZero();
        Files.move(MemberYaml.dataDir(dir, "n3"), dir.resolve("n3.etcd.damaged"));
        servers.start("server", n3Config);

        CliServers.awaitVoters(N1, 3);
        CliServers.awaitKeys(MemberYaml.clientUrl(host(3)), 10);
    }

    /** Flips bytes inside the first records of the member's oldest WAL file: etcd can no longer read it. */
    private static void damageTheFirstWalFile(Path dataDir) throws IOException {
        Path wal;
        try (Stream<Path> files = Files.list(dataDir.resolve("member/wal"))) {
            wal = files.filter(p -> p.toString().endsWith(".wal")).sorted().findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "rw")) {
            for (int offset = 200; offset < 240; offset++) {
                file.seek(offset);
                int value = file.read();
                file.seek(offset);
                file.write(value ^ 0xff);
            }
        }
    }

    private Path config(int n, Optional<URI> joinEndpoint) throws IOException {
        return MemberYaml.write(dir, "n" + n, host(n), joinEndpoint);
    }

    private static String host(int n) {
        return "127.0.0.5" + n;
    }
}
