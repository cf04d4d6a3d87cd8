/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
            FreshJvm.Run run = FreshJvm.run(FirstStartApp.class, FirstStartApp.STARTED, config.toString());
            return new ApplicationRun(run.get(FirstStartApp.LOGGING_SETUP), run.get(FirstStartApp.START_CALL),
                    run.untilDoneMillis());
        } finally {
            Configs.deleteTree(dir);
        }
    }
}
