/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/backup.md's runbook for restoring into a new environment, with the CLI: {@code snapshot},
 * the file and its metadata copied away, {@code server --restore} on a new host, two members joining it.
 */
class RestoreIT {


    @TempDir
    Path dir;

    @RegisterExtension
    final CliServers servers = new CliServers();

    @Test
    void aSnapshotSavedByTheCliStartsANewClusterOnAnotherHostThatOthersJoin() throws Exception {
        Process old = servers.start("server", config("old", "127.0.0.21"));
        URI oldUrl = URI.create("http://127.0.0.21:2379");
        try (Client client = CliServers.awaitClient(oldUrl)) {
            CliServers.writeKeys(client, 10);
        }
        Path backup = dir.resolve("backup.db");
        CliProcess.Result saved = CliProcess.run(dir, "snapshot", oldUrl.toString(), backup.toString());
        assertThat(saved.exitCode()).as(saved.stdout() + saved.stderr()).isZero();
        assertThat(CliServers.stop(old)).isTrue();

        Path copied = Files.createDirectories(dir.resolve("new-environment")).resolve("backup.db");
        Files.move(backup, copied); // the snapshot and its metadata are all a new environment needs
        Files.move(backup.resolveSibling("backup.db.json"), copied.resolveSibling("backup.db.json"));

        servers.start("server", config("new", "127.0.0.22"), "--restore", copied.toString());
        URI newUrl = MemberYaml.clientUrl("127.0.0.22");
        CliServers.awaitKeys(newUrl, 10);
        servers.start("server", MemberYaml.write(dir, "new2", "127.0.0.23", Optional.of(newUrl)));
        CliServers.awaitVoters(newUrl, 2);
        servers.start("server", MemberYaml.write(dir, "new3", "127.0.0.24", Optional.of(newUrl)));
        CliServers.awaitVoters(newUrl, 3);

        CliServers.awaitKeys(MemberYaml.clientUrl("127.0.0.24"), 10);
        assertThat(EtcdAdmin.connect(newUrl).members()).extracting(Member::name)
                .containsExactlyInAnyOrder("new", "new2", "new3");
    }

    private Path config(String name, String host) throws IOException {
        return MemberYaml.write(dir, name, host, Optional.empty());
    }

}
