/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.config.EtcdConfig;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI as a user runs it: the {@code ./etcd-embedded} script (which records its class-data
 * archive once per build and JDK; the jar must be built already), one fresh JVM per command.
 */
final class ColdCli {

    /** Where the harness finds the script; the bench profile sets it, the smoke test uses the default. */
    static final String SCRIPT_PROPERTY = "bench.cli";

    private static final long EXIT_TIMEOUT_SECONDS = 60;
    private static final String JAR = "embedded-etcd-examples/target/etcd-embedded.jar";

    /** The wall times of one {@code server} run and of a {@code members} call against it. */
    record ServerRun(double untilHealthyMillis, double membersMillis) {
    }

    private final Path script;

    private ColdCli(Path script) {
        this.script = script;
    }

    static ColdCli locate() {
        Path script = Path.of(System.getProperty(SCRIPT_PROPERTY, "../etcd-embedded")).toAbsolutePath().normalize();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("the CLI script " + script + " is missing or not executable; set -D"
                    + SCRIPT_PROPERTY + "=<path to etcd-embedded in the repository root>");
        }
        // the script would build a missing jar itself: a Maven build inside this one
        if (!Files.isRegularFile(script.resolveSibling(JAR))) {
            throw new IllegalStateException("the CLI jar " + script.resolveSibling(JAR) + " is missing; build it first: "
                    + "./mvnw -B -DskipTests -pl embedded-etcd-examples -am package");
        }
        return new ColdCli(script);
    }

    /**
     * Runs the command once without timing it: the first run after a build records the class-data
     * archive. Returns whether an archive newer than the jar is there afterwards.
     */
    boolean prepare() throws IOException, InterruptedException {
        wallTime("--version");
        Path jar = script.resolveSibling(JAR);
        try (var files = Files.list(jar.getParent())) {
            return files.anyMatch(file -> file.getFileName().toString().matches("etcd-embedded-.*\\.jsa")
                    && file.toFile().lastModified() >= jar.toFile().lastModified());
        }
    }

    /** Milliseconds from launch to exit of {@code etcd-embedded args}, which must exit with 0. */
    double wallTime(String... args) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process cli = launch(args);
        awaitExit(cli, args);
        if (cli.exitValue() != 0) {
            throw new IllegalStateException(describe(args) + " exited with code " + cli.exitValue()
                    + "; run it by hand to see why");
        }
        return Stats.millisSince(start);
    }

    /** {@code etcd-embedded server} on a config file of {@code config}: launch → /health ok; then a members call; then SIGTERM. */
    ServerRun server(EtcdConfig config, Path dir) throws IOException, InterruptedException {
        Path file = Configs.yamlFile(config, dir.resolve("cli.yaml"), "http-port: 0");
        URI url = config.advertiseClientUrls().get(0);
        long start = System.nanoTime();
        Process server = launch("server", file.toString());
        try {
            BareEtcd.awaitHealthy(url, server, describe("server", file.toString()));
            double untilHealthy = Stats.millisSince(start);
            double members = wallTime("members", "--endpoints", url.toString());
            return new ServerRun(untilHealthy, members);
        } finally {
            server.destroy();
            awaitExit(server, "server", file.toString());
        }
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void awaitExit(Process cli, String... args) throws InterruptedException {
        Children.awaitExit(cli, EXIT_TIMEOUT_SECONDS, describe(args));
    }

    private String describe(String... args) {
        return script + " " + String.join(" ", args);
    }
}
