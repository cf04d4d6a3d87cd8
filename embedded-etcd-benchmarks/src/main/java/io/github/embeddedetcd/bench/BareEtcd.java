/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.EtcdConfig;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * etcd as a user would run it by hand: the same binary and flags as the library, started with a
 * plain ProcessBuilder, readiness polled on /health every 10 ms, stopped with SIGKILL. The baseline.
 */
final class BareEtcd implements AutoCloseable {

    private static final EtcdBinary BINARY = EtcdBinary.locate();
    private static final long POLL_MILLIS = 10;
    private static final long READY_TIMEOUT_MILLIS = 30_000;

    private final EtcdConfig config;
    private final List<String> command;
    private final Process process;

    private BareEtcd(EtcdConfig config, List<String> command, Process process) {
        this.config = config;
        this.command = command;
        this.process = process;
    }

    /** Starts the process of a new cluster's member, without waiting. */
    static BareEtcd launch(EtcdConfig config) throws IOException {
        return launch(config, ClusterState.NEW);
    }

    /** Starts the process, without waiting; {@code EXISTING} for a member added to a running cluster. */
    static BareEtcd launch(EtcdConfig config, ClusterState state) throws IOException {
        Files.createDirectories(config.dataDir().getParent());
        List<String> command = command(config, state);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new BareEtcd(config, command, process);
    }

    /** The binary and the flags the library would pass, without its command prefix. */
    private static List<String> command(EtcdConfig config, ClusterState state) {
        List<String> command = new ArrayList<>();
        command.add(BINARY.path().toString());
        command.addAll(config.etcdFlags(state, BINARY.version()));
        return command;
    }

    /** Polls /health until healthy (bounded). */
    void awaitHealthy() throws InterruptedException {
        awaitHealthy(config.advertiseClientUrls().get(0), process,
                "bare etcd " + config.name() + " (command: " + String.join(" ", command) + ")");
    }

    /**
     * Polls {@code url}/health every {@value #POLL_MILLIS} ms until etcd answers healthy, for at most
     * {@value #READY_TIMEOUT_MILLIS} ms; fails early when {@code process} (described by {@code what}) exits.
     */
    static void awaitHealthy(URI url, Process process, String what) throws InterruptedException {
        EtcdAdmin admin = EtcdAdmin.connect(url);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
        while (!admin.isHealthy(url)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with code " + process.exitValue() + " before " + url
                        + " was healthy; run it by hand to see its output");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": " + url + "/health was not healthy within "
                        + READY_TIMEOUT_MILLIS + " ms");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    long pid() {
        return process.pid();
    }

    EtcdConfig config() {
        return config;
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static Path dataRoot() throws IOException {
        return Files.createTempDirectory("bench-bare");
    }
}
