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

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/backup.md's runbook for moving a cluster between hosts, with the CLI: one member at a time,
 * a new member joins and an old one is removed, whose process then ends by itself.
 */
class MoveHostsIT {

    /** A removed member learns of its removal from the leader's next message, and stops. */
    private static final Duration REMOVED_MEMBER_EXITS = Duration.ofSeconds(30);
    private static final URI A3 = MemberYaml.clientUrl(oldHost(3));
    private static final URI B1 = MemberYaml.clientUrl(newHost(1));

    @TempDir
    Path dir;

    @RegisterExtension
    final CliServers servers = new CliServers();

    @Test
    void theMembersAreReplacedOneAtATimeAndTheDataMovesWithThem() throws Exception {
        Process[] old = new Process[4];
        old[3] = servers.start("server", MemberYaml.write(dir, "a3", oldHost(3), Optional.empty()));
        try (Client client = CliServers.awaitClient(A3)) {
            for (int n = 1; n <= 2; n++) {
                old[n] = servers.start("server", MemberYaml.write(dir, "a" + n, oldHost(n), Optional.of(A3)));
                CliServers.awaitVoters(A3, n + 1);
            }
            CliServers.writeKeys(client, 10);
        }

        for (int n = 1; n <= 3; n++) {
            URI running = n == 1 ? A3 : B1;
            servers.start("server", MemberYaml.write(dir, "b" + n, newHost(n), Optional.of(running)));
            CliServers.awaitVoters(running, 4);
            CliProcess.Result removed = CliProcess.run(dir, "remove", B1.toString(), "a" + n);
            assertThat(removed.exitCode()).as(removed.stdout() + removed.stderr()).isZero();
            assertThat(old[n].waitFor(REMOVED_MEMBER_EXITS.toMillis(), TimeUnit.MILLISECONDS))
                    .as("a" + n + " ends by itself once removed").isTrue();
            assertThat(old[n].exitValue()).isZero();
            CliServers.awaitVoters(B1, 3);
        }

        assertThat(EtcdAdmin.connect(B1).members()).extracting(Member::name).containsExactlyInAnyOrder("b1", "b2", "b3");
        CliServers.awaitKeys(MemberYaml.clientUrl(newHost(3)), 10);
    }

    private static String oldHost(int n) {
        return "127.0.0.6" + n;
    }

    private static String newHost(int n) {
        return "127.0.0.7" + n;
    }

}
