/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.testkit.EtcdTestCluster;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Join-to-voter: into a testkit cluster of all members but one, holding the given amount of data,
 * a learner is registered, then started; a separate observer polls (every 5 ms)
 * the learner's applied index against the leader's and the learner flag. Reports, from the
 * learner's start: raw catch-up (applied index reaches the leader's — what bare etcd gives),
 * promotion, and promotion minus catch-up (the library's own delay).
 */
final class PromotionBenchmark {

    private static final long POLL_MILLIS = 5;
    private static final long MAX_WAIT_MILLIS = 120_000;
    private static final int VALUE_BYTES = 128 * 1024;

    private final int runs;
    private final int members;
    private final List<Integer> dataSizesMb;

    /** @param members the cluster's size once the learner is a voter (at least 2) */
    PromotionBenchmark(int runs, int members, List<Integer> dataSizesMb) {
        if (members < 2) {
            throw new IllegalArgumentException("promotion needs --members 2 or more: a cluster and the learner that joins it");
        }
        this.runs = runs;
        this.members = members;
        this.dataSizesMb = dataSizesMb;
    }

    void run() throws Exception {
        System.out.printf("%nThe %s member joins a cluster of %d:%n", ordinal(members), members - 1);
        System.out.println("| data | learner start → caught up (bare etcd) | learner start → voter | voter − caught up | ratio voter / caught up |");
        System.out.println("|---|---|---|---|---|");
        for (int dataMb : dataSizesMb) {
            List<Double> caughtUp = new ArrayList<>();
            List<Double> promoted = new ArrayList<>();
            List<Double> delay = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                double[] r = once(dataMb);
                caughtUp.add(r[0]);
                promoted.add(r[1]);
                delay.add(r[1] - r[0]);
                ratio.add(r[1] / Math.max(r[0], 1));
            }
            Stats ratios = Stats.of(ratio);
            System.out.printf("| %d MB | %s | %s | %s | %.2f× (%.2f–%.2f) |%n", dataMb, Stats.of(caughtUp).millis(),
                    Stats.of(promoted).millis(), Stats.of(delay).millis(), ratios.median(), ratios.min(), ratios.max());
        }
        System.out.printf("%n%d runs each; median (min–max).%n", runs);
    }

    private static String ordinal(int n) {
        return n + (n % 100 / 10 == 1 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        });
    }

    /** Returns {caught-up ms, promoted ms}, both measured from the learner's start. */
    private double[] once(int dataMb) throws Exception {
        Path dir = Files.createTempDirectory("promotion-bench");
        try (EtcdTestCluster cluster = Configs.testkitCluster(members - 1).start()) {
            load(cluster.client().getKVClient(), dataMb);
            EmbeddedEtcd learner = EmbeddedEtcd.builder().config(config("learner", dir)).build();
            try (learner; Client observer = EtcdAdmin.connect(cluster.clientEndpoints()).newClient()) {
                learner.register(cluster.clientEndpoints().toArray(URI[]::new));
                URI learnerUrl = learner.clientEndpoints().get(0);
                URI leaderUrl = cluster.leader().clientEndpoint();
                long start = System.nanoTime();
                CompletableFuture<double[]> watch = CompletableFuture.supplyAsync(() -> observe(observer, leaderUrl, learnerUrl, start));
                learner.start();
                return watch.get(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } finally {
            Configs.deleteTree(dir);
        }
    }

    private static double[] observe(Client observer, URI leaderUrl, URI learnerUrl, long start) {
        double caughtUp = -1;
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            try {
                if (caughtUp < 0) {
                    long leaderIndex = observer.getMaintenanceClient().statusMember(leaderUrl.toString())
                            .get(1, TimeUnit.SECONDS).getRaftIndex();
                    long learnerApplied = observer.getMaintenanceClient().statusMember(learnerUrl.toString())
                            .get(1, TimeUnit.SECONDS).getRaftAppliedIndex();
                    if (learnerApplied >= leaderIndex) {
                        caughtUp = Stats.millisSince(start);
                    }
                }
                boolean voter = observer.getClusterClient().listMember().get(1, TimeUnit.SECONDS).getMembers().stream()
                        .filter(m -> m.getClientURIs().contains(learnerUrl) || m.getName().equals("learner"))
                        .anyMatch(m -> !m.isLearner());
                if (voter) {
                    double promoted = Stats.millisSince(start);
                    return new double[] {caughtUp < 0 ? promoted : caughtUp, promoted};
                }
            } catch (Exception notYet) {
                // the learner is not up yet
            }
            sleep();
        }
        throw new IllegalStateException("learner not promoted within " + MAX_WAIT_MILLIS + " ms");
    }

    /** Writes about {@code dataMb} MB in values of 128 KiB, eight in flight. */
    static void load(KV kv, int dataMb) throws Exception {
        byte[] value = new byte[VALUE_BYTES];
        int count = dataMb * 1024 * 1024 / VALUE_BYTES;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.add(kv.put(ByteSequence.from("bench/" + i, StandardCharsets.UTF_8), ByteSequence.from(value)));
            if (inFlight.size() == 8) {
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                inFlight.clear();
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static EtcdConfig config(String name, Path dir) throws IOException {
        return Configs.member(name, dir).build();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
