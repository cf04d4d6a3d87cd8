/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;


import io.github.embeddedetcd.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The run that {@code ./etcd-embedded} records its class-data archive from (AppCDS: the classes
 * this run loads, {@code -XX:DumpLoadedClassList}, dumped by {@code -Xshare:dump}): it loads what
 * a CLI run loads — the usage help, a {@code server} with its live page, a {@code members} call —
 * so that later runs map those classes from the archive instead of loading and verifying them
 * again. It starts a throw-away member on free loopback ports, with its data under the given
 * directory, and exits once {@code members} has answered (exit code 0) or after
 * {@value #READY_SECONDS} s (exit code 1).
 */
public final class StartupTraining {

    private static final long READY_SECONDS = 30;

    private StartupTraining() {
    }

    /** @param args the directory for the member's config and data (the caller deletes it afterwards) */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true));
        EtcdEmbeddedCli.run("--help");
        String clientUrl = "http://127.0.0.1:" + FreePorts.next();
        Path config = Files.write(dir.resolve("etcd.yaml"), List.of(
                "name: training",
                "data-dir: " + dir.resolve("data"),
                "listen-client-urls: " + clientUrl,
                "listen-peer-urls: http://127.0.0.1:" + FreePorts.next(),
                "heartbeat-interval: 10",
                "election-timeout: 100",
                "embedded:",
                "  http-port: 0"));
        Thread server = new Thread(() -> EtcdEmbeddedCli.run("server", config.toString()), "training-server");
        server.setDaemon(true);
        server.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (EtcdEmbeddedCli.run("members", "--endpoints", clientUrl) != 0) {
            if (System.nanoTime() > deadline || !server.isAlive()) {
                System.exit(1);
            }
            Thread.sleep(100);
        }
        // the server's shutdown hook stops the member; the script dumps the archive from the classes listed
        System.exit(0);
    }
}
