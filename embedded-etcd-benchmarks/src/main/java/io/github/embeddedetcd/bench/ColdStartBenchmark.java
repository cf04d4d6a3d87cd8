/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * First starts, each in a fresh JVM and alternated with bare etcd started with the same flags
 * (process launch → /health ok), no warm-up round: every run is cold for the JVM (the OS file
 * cache is warm for both sides alike). Measures {@link FirstStartApp} (its
 * {@code builder().config(path).start()} call, the config file's reading included, and JVM launch → start() returned, with and without its own logging setup), the CLI's
 * {@code server} (launch → /health ok), and the wall time of the CLI's
 * {@code members} and {@code --help}. Before each measured start the machine is settled (see
 * {@link Settle}), as in the warm start benchmark.
 */
final class ColdStartBenchmark {

    private static final long APP_TIMEOUT_SECONDS = 60;

    /** Jars the harness needs (the testkit and its own dependencies), which a minimal application does not have. */
    private static final List<String> HARNESS_ONLY = List.of("embedded-etcd-testkit", "jna-", "bcprov-", "bcpkix-",
            "bcutil-", "junit-", "opentest4j-", "apiguardian-", "assertj-", "byte-buddy-");

    private final int runs;

    ColdStartBenchmark(int runs) {
        this.runs = runs;
    }

    /** One application run: its own logging setup, its config-and-start call, and launch → start() returned. */
    private record ApplicationRun(double loggingSetupMillis, double startCallMillis, double startedMillis) {
    }

    void run() throws Exception {
        Comparison application = new Comparison("application, fresh JVM: launch → start() returned", "—");
        Comparison library = new Comparison("the same, less the application's own logging setup", "—");
        Comparison startCall = new Comparison("application, fresh JVM: builder().config(path).start()", "≤ +200 ms");
        Comparison server = new Comparison("CLI `server`, fresh JVM: launch → /health ok", "≤ +350 ms");
        List<Double> applicationAdded = new ArrayList<>();
        List<Double> libraryAdded = new ArrayList<>();
        List<Double> startCallAdded = new ArrayList<>();
        List<Double> serverAdded = new ArrayList<>();
        List<Double> members = new ArrayList<>();
        List<Double> help = new ArrayList<>();
        ColdCli cli = ColdCli.locate();
        boolean archived = cli.prepare();
        for (int i = 0; i < runs; i++) {
            Settle.now();
            double bare = bareStart();
            Settle.now();
            ApplicationRun app = applicationStart();
            application.add(app.startedMillis(), bare);
            library.add(app.startedMillis() - app.loggingSetupMillis(), bare);
            applicationAdded.add(app.startedMillis() - bare);
            libraryAdded.add(app.startedMillis() - app.loggingSetupMillis() - bare);
            startCall.add(app.startCallMillis(), bare);
            startCallAdded.add(app.startCallMillis() - bare);

            Settle.now();
            double bareAgain = bareStart();
            Settle.now();
            ColdCli.ServerRun run = serverStart(cli);
            server.add(run.untilHealthyMillis(), bareAgain);
            serverAdded.add(run.untilHealthyMillis() - bareAgain);
            members.add(run.membersMillis());
            Settle.now();
            help.add(cli.wallTime("--help"));
        }
        Comparison.printHeader();
        application.print();
        library.print();
        startCall.print();
        server.print();
        System.out.printf(Locale.ROOT, "%nTime added to a cold start (per pair, median): application %s; less its "
                        + "logging setup %s; its builder().config(path).start() call %s (target ≤ +200 ms); CLI server %s (target ≤ +350 ms)%n",
                Stats.of(applicationAdded).millis(), Stats.of(libraryAdded).millis(), Stats.of(startCallAdded).millis(),
                Stats.of(serverAdded).millis());
        System.out.printf(Locale.ROOT, "CLI wall time, launch → exit: members %s; --help %s (target ≤ 250 ms)%n",
                Stats.of(members).millis(), Stats.of(help).millis());
        if (!archived) {
            System.out.println("Note: the CLI ran without its class-data archive (./etcd-embedded could not record one).");
        }
        application.printAll();
        library.printAll();
        startCall.printAll();
        server.printAll();
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

    private static ColdCli.ServerRun serverStart(ColdCli cli) throws Exception {
        Path dir = BareEtcd.dataRoot();
        try {
            return cli.server(Configs.member("cold", dir).build(), dir);
        } finally {
            Configs.deleteTree(dir);
        }
    }

    private static ApplicationRun applicationStart() throws Exception {
        Path dir = BareEtcd.dataRoot();
        try {
            Path config = Configs.yamlFile(Configs.member("cold", dir).build(), dir.resolve("etcd.yaml"));
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", applicationClasspath(), FirstStartApp.class.getName(), config.toString());
            long start = System.nanoTime();
            Process app = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // bounds the wait for its output too: a hung application is ended, which ends its stdout
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> Children.kill(app),
                    CompletableFuture.delayedExecutor(APP_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                double loggingSetup = Double.NaN;
                double startCall = Double.NaN;
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(FirstStartApp.LOGGING_SETUP + " ")) {
                        loggingSetup = millisAfter(FirstStartApp.LOGGING_SETUP, line);
                    } else if (line.startsWith(FirstStartApp.START_CALL + " ")) {
                        startCall = millisAfter(FirstStartApp.START_CALL, line);
                    } else if (line.equals(FirstStartApp.STARTED)) {
                        double millis = Stats.millisSince(start);
                        watchdog.cancel(false);
                        Children.awaitExit(app, APP_TIMEOUT_SECONDS, "the application, after its start,");
                        return new ApplicationRun(loggingSetup, startCall, millis);
                    }
                }
            } finally {
                watchdog.cancel(false);
                if (app.isAlive()) {
                    Children.kill(app);
                }
            }
            Children.awaitExit(app, APP_TIMEOUT_SECONDS, "the application");
            throw new IllegalStateException("the application exited with code " + app.exitValue() + " before its "
                    + "member started, or did not start it within " + APP_TIMEOUT_SECONDS + " s; run it by hand to see "
                    + "why: " + String.join(" ", command));
        } finally {
            Configs.deleteTree(dir);
        }
    }

    private static double millisAfter(String label, String line) {
        return Double.parseDouble(line.substring(label.length() + 1));
    }

    /**
     * A minimal application's classpath: this harness's classpath without what only the harness
     * needs (jars, or a reactor module's classes directory, with a path segment of those names).
     */
    private static String applicationClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> StreamSupport.stream(Path.of(entry).spliterator(), false).map(Path::toString)
                        .noneMatch(segment -> HARNESS_ONLY.stream().anyMatch(segment::startsWith)))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
