/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/backup.md's runbook for a lost majority, with the CLI: two of three members are gone, the
 * survivors' data dirs tell which is newest, the cluster is reset to it, and the others rejoin.
 */
class QuorumLossIT {

    private static final Pattern NEWEST = Pattern.compile("Newest data: '(n\\d)'");

    @TempDir
    Path dir;

    @RegisterExtension
    final CliServers servers = new CliServers();

    @Test
    void theSurvivorsTellTheNewestTheClusterIsResetToItAndTheOthersRejoin() throws Exception {
        Process n1 = servers.start("server", config(1, List.of()));
        try (Client client = CliServers.awaitClient(url(1))) {
            Process n2 = servers.start("server", config(2, List.of(url(1))));
            CliServers.awaitVoters(url(1), 2);
            Process n3 = servers.start("server", config(3, List.of(url(1))));
            CliServers.awaitVoters(url(1), 3);
            CliServers.writeKeys(client, 10);
            for (Process lost : List.of(n1, n3, n2)) { // n1 and n3 are lost; n2 without a majority is stopped too
                assertThat(CliServers.stop(lost)).isTrue();
            }
        }

        CliProcess.Result told = CliProcess.run(dir, "survivors", config(2, List.of()).toString(),
                config(3, List.of()).toString());
        assertThat(told.exitCode()).as(told.stdout() + told.stderr()).isZero();
        assertThat(told.stdout()).contains("COMMIT INDEX").contains(dir.resolve("n2.etcd").toString());
        Matcher newest = NEWEST.matcher(told.stdout());
        assertThat(newest.find()).as(told.stdout()).isTrue();
        int survivor = Integer.parseInt(newest.group(1).substring(1));
        int other = survivor == 2 ? 3 : 2;

        deleteTree(dir.resolve("n1.etcd")); // n1's host came back with an empty volume
        servers.start("survivors", config(3, List.of()), "--reset", config(2, List.of()).toString());
        assertThat(CliServers.awaitHealthy(url(survivor)).members()).extracting(Member::name)
                .containsExactly("n" + survivor);
        servers.start("server", config(other, List.of(url(survivor))));
        servers.start("server", config(1, List.of(url(survivor))));
        CliServers.awaitVoters(url(survivor), 3);
        CliServers.awaitKeys(url(1), 10);
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .as("the stale member's data is kept aside").anyMatch(n -> n.startsWith("n" + other + ".etcd.removed-"));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static URI url(int n) {
        return MemberYaml.clientUrl("127.0.0.3" + n);
    }

    /** The member's config, its join endpoint as given: the runbook edits it to name the survivor. */
    private Path config(int n, List<URI> joinEndpoints) throws IOException {
        return MemberYaml.write(dir, "n" + n, "127.0.0.3" + n, joinEndpoints.stream().findFirst());
    }

}
