/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.testkit.EtcdTestCluster;

import java.nio.file.Path;

/**
 * (1) One member, start → /health ok: {@code EmbeddedEtcd.start()} against the same etcd started
 * bare and polled by the harness. (2) A cluster (three members by default) ready (all healthy, leader elected): the
 * testkit against as many bare processes with the same static initial-cluster and timings.
 * Runs alternate library and bare; one warm-up pair is not counted. After each run the disk is
 * flushed and the machine left alone for a moment, so that one run's teardown (etcd's last writes,
 * the deleted data dir) does not slow down the next run's start.
 */
final class StartBenchmark {

    /**
     * A new member asks its peers whether it was bootstrapped already, with a 1 s timeout; when all
     * start at once, a peer's port may be bound but not served yet, and the start stalls a whole
     * second (twice with two such peers). Bare parallel starts hit it by chance; the testkit starts
     * its nodes in an order that avoids it.
     */
    private static final double BOOTSTRAP_STALL_MILLIS = 1000;

    private final int runs;
    private final int members;

    StartBenchmark(int runs, int members) {
        this.runs = runs;
        this.members = members;
    }

    void run() throws Exception {
        Comparison single = new Comparison("1 member: start → /health ok", "≤ 1.10×");
        Comparison cluster = new Comparison(members + " members: start → all healthy", "≤ 1.20×");
        Comparison.withWarmUp(runs, (round, counted) -> {
            double lib = Settle.after(embeddedStart());
            double bare = Settle.after(BareCluster.timedStart(1));
            double libCluster = Settle.after(testkitStart());
            double bareCluster = Settle.after(BareCluster.timedStart(members));
            if (counted) {
                single.add(lib, bare);
                cluster.add(libCluster, bareCluster);
            }
        });
        Comparison.printHeader();
        single.print();
        cluster.print();
        cluster.below(BOOTSTRAP_STALL_MILLIS, members + " members, runs without etcd's 1 s bootstrap stall").print();
        System.out.println();
        single.printAll();
        cluster.printAll();
    }

    private static double embeddedStart() throws Exception {
        Path dir = BareEtcd.dataRoot();
        try {
            EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(Configs.member("solo", dir).build()).build();
            long start = System.nanoTime();
            try (EmbeddedEtcd running = etcd.start()) {
                return Stats.millisSince(start);
            }
        } finally {
            Configs.deleteTree(dir);
        }
    }

    private double testkitStart() {
        try (EtcdTestCluster cluster = Configs.testkitCluster(members).build()) {
            long start = System.nanoTime();
            cluster.start();
            return Stats.millisSince(start);
        }
    }
}
