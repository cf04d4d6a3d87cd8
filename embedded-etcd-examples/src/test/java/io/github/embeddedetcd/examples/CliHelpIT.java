/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage help: the list of commands (whose entries the CLI reads from each command's annotation
 * rather than building every command's model) and each command's own {@code --help}.
 */
class CliHelpIT {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandWithItsDescription() throws Exception {
        CliProcess.Result result = CliProcess.run(dir, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("Usage: etcd-embedded [-hV] [--debug] [COMMAND]")
                .contains("  server     Start this member ", "  join       Add this member to the cluster",
                        "  remove     Remove the member NAME", "  members    List the members",
                        "  snapshot   Save a snapshot of the cluster", "  survivors  After a cluster lost its majority",
                        "  demo       Start a local HA cluster");
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "join", "remove", "members", "snapshot", "survivors", "demo"})
    void everyCommandAnswersHelp(String command) throws Exception {
        CliProcess.Result result = CliProcess.run(dir, command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("Usage: etcd-embedded " + command + " [-hV]");
        assertThat(result.stderr()).isEmpty();
    }
}
