/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.config.EtcdConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A user's first start: a fresh JVM running {@link FirstStartApp} (JVM launch → start() returned),
 * alternated with bare etcd started with the same flags (process launch → /health ok), no warm-up
 * round: every run is cold for the JVM (the OS file cache is warm for both sides alike).
 */
final class ColdStartBenchmark {

    private static final long APP_TIMEOUT_SECONDS = 60;

    private final int runs;

    ColdStartBenchmark(int runs) {
        this.runs = runs;
    }

    void run() throws Exception {
        Comparison application = new Comparison("application, fresh JVM: launch → start() returned", "≤ +200 ms");
        List<Double> added = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double bare = bareStart();
            double app = applicationStart();
            application.add(app, bare);
            added.add(app - bare);
        }
        Comparison.printHeader();
        application.print();
        System.out.printf(Locale.ROOT, "%nTime the library adds to a cold start (per pair): median %s%n",
                Stats.of(added).millis());
        application.printAll();
    }

    private static double bareStart() throws Exception {
        Path dir = BareEtcd.dataRoot();
        try {
            long start = System.nanoTime();
            try (BareEtcd etcd = BareEtcd.launch(Configs.member("cold", dir).build())) {
                etcd.awaitHealthy();
                return Stats.millisSince(start);
            }
        } finally {
            Configs.deleteTree(dir);
        }
    }

    private static double applicationStart() throws Exception {
        Path dir = BareEtcd.dataRoot();
        try {
            Path config = writeConfig(Configs.member("cold", dir).build(), dir);
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), FirstStartApp.class.getName(), config.toString());
            long start = System.nanoTime();
            Process app = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // bounds the wait for its output too: a hung application is ended, which ends its stdout
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(app::destroyForcibly,
                    CompletableFuture.delayedExecutor(APP_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals(FirstStartApp.STARTED)) {
                        double millis = Stats.millisSince(start);
                        awaitExit(app);
                        return millis;
                    }
                }
            } finally {
                watchdog.cancel(false);
                app.destroyForcibly();
            }
            throw new IllegalStateException("the application exited with code " + app.waitFor() + " before its member "
                    + "started, or did not start it within " + APP_TIMEOUT_SECONDS + " s; run it by hand to see why: "
                    + String.join(" ", command));
        } finally {
            Configs.deleteTree(dir);
        }
    }

    private static void awaitExit(Process app) throws InterruptedException {
        if (!app.waitFor(APP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the application did not exit within " + APP_TIMEOUT_SECONDS + " s after "
                    + "its start; its member may still run (pid " + app.pid() + ")");
        }
    }

    /** The member's settings as the YAML config file a user would write. */
    private static Path writeConfig(EtcdConfig config, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>(List.of(
                "name: " + config.name(),
                "data-dir: " + config.dataDir(),
                "listen-client-urls: " + config.listenClientUrls().get(0),
                "listen-peer-urls: " + config.listenPeerUrls().get(0),
                "heartbeat-interval: " + config.heartbeatIntervalMillis(),
                "election-timeout: " + config.electionTimeoutMillis(),
                "embedded:",
                "  extra-args: [\"" + String.join("\", \"", config.extraArgs()) + "\"]"));
        return Files.write(dir.resolve("etcd.yaml"), lines);
    }
}
