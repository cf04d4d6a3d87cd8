/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code etcd-embedded} jar in a JVM of its own, as a user runs it. */
final class CliProcess {

    private static final Path JAR = Path.of(System.getProperty("etcdEmbeddedJar", "target/etcd-embedded.jar"));

    /** What one run printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private CliProcess() {
    }

    static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Runs to the end (bounded); stdout and stderr apart. */
    static Result run(Path scratch, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratch, "cli", ".out");
        Path err = Files.createTempFile(scratch, "cli", ".err");
        Process process = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("etcd-embedded " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
