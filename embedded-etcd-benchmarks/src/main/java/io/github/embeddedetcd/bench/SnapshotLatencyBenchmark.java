/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.snapshot.Snapshot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Write latency while a snapshot streams, alternately in the same run: a 3-member cluster holding
 * the given data; one writer puts small values one after the other through the leader. Windows:
 * while a follower saves a snapshot with the library, as the schedule's member does; as long
 * without one; while the same follower's snapshot is saved by {@code etcdctl snapshot save}.
 * Reported: the p99 of each window.
 */
final class SnapshotLatencyBenchmark {

    private static final int MAX_WRITES_PER_WINDOW = 200_000;
    private static final long CALL_SECONDS = 30;

    private final int runs;
    private final int dataMb;

    SnapshotLatencyBenchmark(int runs, int dataMb) {
        this.runs = runs;
        this.dataMb = dataMb;
    }

    List<Comparison> run() throws Exception {
        Comparison againstQuiet = new Comparison("p99 write latency (" + dataMb + " MB): during a follower's "
                + "`snapshot(path)` vs without one", "≤ 1.20×");
        Comparison againstEtcdctl = new Comparison("p99 write latency (" + dataMb + " MB): during a follower's "
                + "`snapshot(path)` vs during its `etcdctl snapshot save`", "—");
        Path dir = BareEtcd.dataRoot();
        List<EmbeddedEtcd> members = new ArrayList<>();
        try {
            for (EtcdConfig config : Configs.staticCluster(dir.resolve("cluster"), 3)) {
                members.add(EmbeddedEtcd.builder().config(config).build());
            }
            members.parallelStream().forEach(EmbeddedEtcd::start);
            EmbeddedEtcd leader = members.stream().filter(EmbeddedEtcd::isLeader).findFirst().orElseThrow();
            EmbeddedEtcd follower = members.stream().filter(m -> m != leader).findFirst().orElseThrow();
            KV kv = leader.client().getKVClient();
            PromotionBenchmark.load(kv, dataMb);
            String endpoint = follower.clientEndpoints().get(0).toString();
            Comparison.withWarmUp(runs, (round, counted) -> {
                Path lib = dir.resolve("lib-" + round + ".db");
                Path bare = dir.resolve("bare-" + round + ".db");
                long start = System.nanoTime();
                double library = during(kv, () -> follower.snapshot(lib));
                long saveNanos = System.nanoTime() - start;
                Settle.now();
                long quietUntil = System.nanoTime() + saveNanos; // as long as the library's save
                double quiet = p99(kv, () -> System.nanoTime() > quietUntil);
                Settle.now();
                double etcdctl = during(kv, () -> RecoveryBenchmark.etcdctl("--endpoints", endpoint, "snapshot", "save",
                        bare.toString()));
                Settle.now();
                Files.delete(lib);
                Files.delete(Snapshot.metadataFile(lib));
                Files.delete(bare);
                if (counted) {
                    againstQuiet.add(library, quiet);
                    againstEtcdctl.add(library, etcdctl);
                }
            });
        } finally {
            EmbeddedEtcd.closeAll(members);
            Configs.deleteTree(dir);
        }
        return List.of(againstQuiet, againstEtcdctl);
    }

    private interface Save {
        void run() throws Exception;
    }

    /** The p99 of writes while {@code save} runs. */
    private static double during(KV kv, Save save) throws Exception {
        CompletableFuture<Void> saving = CompletableFuture.runAsync(() -> {
            try {
                save.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double p99 = p99(kv, saving::isDone);
        saving.get(CALL_SECONDS, TimeUnit.SECONDS);
        return p99;
    }

    /** Puts one small value after the other until {@code done}; the 99th percentile of their latencies in ms. */
    private static double p99(KV kv, BooleanSupplier done) throws Exception {
        List<Double> latencies = new ArrayList<>();
        ByteSequence value = ByteSequence.from("v".repeat(100), StandardCharsets.UTF_8);
        for (int i = 0; i < MAX_WRITES_PER_WINDOW && !done.getAsBoolean(); i++) {
            long start = System.nanoTime();
            kv.put(ByteSequence.from("latency/" + (i % 1000), StandardCharsets.UTF_8), value)
                    .get(CALL_SECONDS, TimeUnit.SECONDS);
            latencies.add(Stats.millisSince(start));
        }
        if (latencies.isEmpty()) {
            throw new IllegalStateException("no write finished in the window: the snapshot ended before the first");
        }
        latencies.sort(Double::compare);
        return latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(latencies.size() * 0.99) - 1));
    }
}
