/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import io.github.embeddedetcd.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's side of the bad-input catalogue (docs/reliability.md): usage errors exit with 2,
 * failures with 1, each with one message on stderr and no stack trace unless {@code --debug}.
 */
class CliBadInputIT {

    @TempDir
    Path dir;

    @Test
    void aJoinEndpointThatIsNotAUrlIsAUsageError() throws Exception {
        CliProcess.Result result = CliProcess.run(dir, "join", "127.0.0.1:2379");

        assertUsageError(result, "'127.0.0.1:2379' must start with http:// or https://");
    }

    @Test
    void aMissingArgumentIsAUsageError() throws Exception {
        assertUsageError(CliProcess.run(dir, "join"), "Missing required parameter: 'ENDPOINT'");
    }

    @Test
    void anExtraArgumentIsAUsageError() throws Exception {
        assertUsageError(CliProcess.run(dir, "members", "surplus"), "Unmatched argument at index 1: 'surplus'");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() throws Exception {
        assertUsageError(CliProcess.run(dir, "strat"), "Unmatched argument at index 0: 'strat'");
    }

    @Test
    void aDemoOfNoNodesIsAUsageError() throws Exception {
        assertUsageError(CliProcess.run(dir, "demo", "--nodes", "0"), "--nodes must be from 1 to 9, got 0");
    }

    @Test
    void aBadConfigFileNamesItsLineAndLeavesTheDataAlone() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("bad.yaml"), "name: n1\ndata-dir: " + data + "\nheartbeat: 50\n");

        CliProcess.Result result = CliProcess.run(dir, "server", config.toString());

        assertFailure(result, config + ":3: 'heartbeat': unknown key; did you mean 'heartbeat-interval'?");
        try (var files = Files.list(data)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void httpTlsTakesOnlyTrueOrFalse() throws Exception {
        Path config = Files.writeString(dir.resolve("page.yaml"), "name: n1\nembedded:\n  http-tls: yes\n");

        assertFailure(CliProcess.run(dir, "server", config.toString()),
                config + ":3: 'embedded.http-tls': expects true or false, got 'yes'");
    }

    @Test
    void httpTlsNeedsTheMembersCertificate() throws Exception {
        Path config = Files.writeString(dir.resolve("page.yaml"), "name: n1\nembedded:\n  http-tls: true\n");

        assertFailure(CliProcess.run(dir, "server", config.toString()), config + ":3: 'embedded.http-tls': serves HTTPS "
                + "with the member's certificate, and this member has none: set client-transport-security.cert-file and "
                + "key-file (or auto-tls: true), or set embedded.http-tls: false");
    }

    @Test
    void membersWhereNoMemberRunsSaysSo() throws Exception {
        int port = FreePorts.next();

        CliProcess.Result result = CliProcess.run(dir, "members", "--endpoints", "http://127.0.0.74:" + port);

        assertFailure(result, "connection refused at 127.0.0.74:" + port + "; is an etcd member running there?");
    }

    @Test
    void debugShowsTheStackTrace() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "nme: n1\n");

        CliProcess.Result result = CliProcess.run(dir, "--debug", "server", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("ConfigException").contains("\tat io.github.embeddedetcd.");
    }

    private static void assertUsageError(CliProcess.Result result, String message) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderr()).contains(message).contains("Usage: etcd-embedded").doesNotContain("\tat ");
    }

    private static void assertFailure(CliProcess.Result result, String message) {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stderr()).startsWith("etcd-embedded: ").contains(message).doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(result.stderr().lines().count()).as("one message").isLessThanOrEqualTo(2);
    }
}
