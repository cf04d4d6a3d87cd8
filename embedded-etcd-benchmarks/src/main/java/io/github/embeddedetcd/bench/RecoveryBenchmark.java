/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.snapshot.Snapshot;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Disaster recovery against etcd's own tools, alternately in the same run. (a) A snapshot of a
 * member holding the given amount of data: {@code EmbeddedEtcd.snapshot(path)} against
 * {@code etcdctl snapshot save} on the same member. (b) Recovery from quorum loss, from the command
 * to the first acknowledged write: {@code forceNewCluster().start()} against bare
 * {@code etcd --force-new-cluster}, each on its own copy of the same survivor's data dir (the
 * library also probes the old peers, resets with its peers kept out, and starts again). Then
 * {@link RestoreBenchmark} (with the first data size) and {@link SnapshotLatencyBenchmark} (the last).
 */
final class RecoveryBenchmark {

    private static final long CALL_SECONDS = 30;

    private final int runs;
    private final List<Integer> dataSizesMb;

    RecoveryBenchmark(int runs, List<Integer> dataSizesMb) {
        this.runs = runs;
        this.dataSizesMb = dataSizesMb;
    }

    void run() throws Exception {
        List<Comparison> all = new ArrayList<>();
        for (int dataMb : dataSizesMb) {
            all.add(snapshot(dataMb));
        }
        all.add(quorumLoss());
        all.addAll(new RestoreBenchmark(runs, dataSizesMb.get(0)).run());
        all.addAll(new SnapshotLatencyBenchmark(runs, dataSizesMb.get(dataSizesMb.size() - 1)).run());
        Comparison.printHeader();
        all.forEach(Comparison::print);
        System.out.println();
        all.forEach(Comparison::printAll);
    }

    private Comparison snapshot(int dataMb) throws Exception {
        Comparison comparison = new Comparison("snapshot of " + dataMb + " MB: `snapshot(path)` vs `etcdctl snapshot save`",
                "≤ 1.10×");
        Path dir = BareEtcd.dataRoot();
        try (EmbeddedEtcd member = EmbeddedEtcd.builder().config(Configs.member("solo", dir).build()).build().start()) {
            PromotionBenchmark.load(member.client().getKVClient(), dataMb);
            String endpoint = member.clientEndpoints().get(0).toString();
            Comparison.withWarmUp(runs, (round, counted) -> {
                Path lib = dir.resolve("lib-" + round + ".db");
                Path bare = dir.resolve("bare-" + round + ".db");
                long start = System.nanoTime();
                member.snapshot(lib);
                double libMillis = Settle.after(Stats.millisSince(start));
                start = System.nanoTime();
                etcdctl("--endpoints", endpoint, "snapshot", "save", bare.toString());
                double bareMillis = Settle.after(Stats.millisSince(start));
                Files.delete(lib);
                Files.delete(Snapshot.metadataFile(lib));
                Files.delete(bare);
                if (counted) {
                    comparison.add(libMillis, bareMillis);
                }
            });
        } finally {
            Configs.deleteTree(dir);
        }
        return comparison;
    }

    private Comparison quorumLoss() throws Exception {
        Comparison comparison = new Comparison("quorum loss: command → first acknowledged write, vs bare "
                + "`etcd --force-new-cluster`", "≤ bare + 1 s");
        Path dir = BareEtcd.dataRoot();
        try {
            EtcdConfig survivor = survivorOfALostCluster(dir);
            Comparison.withWarmUp(runs, (round, counted) -> {
                EtcdConfig lib = copy(survivor, dir.resolve("lib-" + round));
                EtcdConfig bare = copy(survivor, dir.resolve("bare-" + round));
                double libMillis = Settle.after(libraryReset(lib));
                double bareMillis = Settle.after(bareReset(bare));
                Configs.deleteTree(lib.dataDir()); // each copy holds etcd's preallocated 64 MB WAL file
                Configs.deleteTree(bare.dataDir());
                if (counted) {
                    comparison.add(libMillis, bareMillis);
                }
            });
        } finally {
            Configs.deleteTree(dir);
        }
        return comparison;
    }

    /** Three members with a little data, all stopped: the data dir of the first is what survived. */
    private static EtcdConfig survivorOfALostCluster(Path dir) throws Exception {
        List<EmbeddedEtcd> members = new ArrayList<>();
        for (EtcdConfig config : Configs.staticCluster(dir.resolve("lost"), 3)) {
            members.add(EmbeddedEtcd.builder().config(config).build());
        }
        try {
            members.parallelStream().forEach(EmbeddedEtcd::start);
            put(members.get(0).client(), "before-the-loss");
        } finally {
            EmbeddedEtcd.closeAll(members);
        }
        return members.get(0).config();
    }

    private static double libraryReset(EtcdConfig config) throws Exception {
        long start = System.nanoTime();
        try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(config).forceNewCluster().build().start()) {
            put(etcd.client(), "after-the-reset");
            return Stats.millisSince(start);
        }
    }

    private static double bareReset(EtcdConfig config) throws Exception {
        List<String> args = new ArrayList<>(config.extraArgs());
        args.add("--force-new-cluster");
        long start = System.nanoTime();
        try (BareEtcd etcd = BareEtcd.launch(config.toBuilder().extraArgs(args).build());
             Client client = EtcdAdmin.connect(config.advertiseClientUrls()).newClient()) {
            etcd.awaitHealthy();
            put(client, "after-the-reset");
            return Stats.millisSince(start);
        }
    }

    /** The survivor's config on a copy of its data dir. */
    private static EtcdConfig copy(EtcdConfig survivor, Path dataDir) throws IOException {
        try (var tree = Files.walk(survivor.dataDir())) {
            for (Path from : tree.toList()) {
                Path to = dataDir.resolve(survivor.dataDir().relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return survivor.toBuilder().dataDir(dataDir).build();
    }

    static void put(Client client, String key) throws Exception {
        client.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8), ByteSequence.from("v",
                StandardCharsets.UTF_8)).get(CALL_SECONDS, TimeUnit.SECONDS);
    }

    /** etcdctl next to the etcd binary in use, else on PATH. */
    static void etcdctl(String... args) throws Exception {
        Path beside = EtcdBinary.locate().path().toAbsolutePath().resolveSibling("etcdctl");
        List<String> command = new ArrayList<>(List.of(Files.isExecutable(beside) ? beside.toString() : "etcdctl"));
        command.addAll(List.of(args));
        runTool(command);
    }

    /** Runs one of etcd's tools to its end (bounded), its output discarded; fails unless it exits with 0. */
    static void runTool(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("ETCDCTL_API", "3");
        Process process = builder.start();
        if (!process.waitFor(CALL_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + CALL_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with code " + process.exitValue()
                    + "; run it by hand to see why");
        }
    }
}
