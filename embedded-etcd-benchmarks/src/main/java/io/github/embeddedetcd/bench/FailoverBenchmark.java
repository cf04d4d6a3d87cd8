/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import io.github.embeddedetcd.testkit.TestNode;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Failover: a writer puts continuously (each put with a 50 ms deadline, so that a put lost with the
 * dead leader does not hide the recovery); the leader is killed with
 * SIGKILL (the leader is found before the clock starts); measured is the time from the kill to the
 * first successful put issued after it. The
 * testkit cluster against as many bare processes, same timings (election 100 ms).
 */
final class FailoverBenchmark {

    private static final long STEADY_MILLIS = 500;
    private static final long MAX_WAIT_MILLIS = 30_000;
    private static final long PUT_DEADLINE_MILLIS = 50;

    private final int runs;
    private final int members;

    FailoverBenchmark(int runs, int members) {
        if (members < 3) {
            throw new IllegalArgumentException("failover needs --members 3 or more: with fewer, the members left "
                    + "after the leader's kill are no quorum");
        }
        this.runs = runs;
        this.members = members;
    }

    void run() throws Exception {
        Comparison failover = new Comparison("failover, " + members + " members: SIGKILL leader → first successful write",
                "≤ election timeout + 250 ms = " + (Configs.ELECTION_MILLIS + 250) + " ms");
        Comparison.withWarmUp(runs, (round, counted) -> {
            double lib = library();
            double bare = bare();
            if (counted) {
                failover.add(lib, bare);
            }
        });
        Comparison.printHeader();
        failover.print();
    }

    private double library() throws Exception {
        try (EtcdTestCluster cluster = Configs.testkitCluster(members).start()) {
            TestNode leader = cluster.leader();
            return measure(cluster.client(), () -> cluster.kill(leader));
        }
    }

    private double bare() throws Exception {
        try (BareCluster cluster = BareCluster.start(members);
             Client client = EtcdAdmin.connect(cluster.clientUrls()).newClient()) {
            BareEtcd leader = cluster.leader();
            return measure(client, leader::kill);
        }
    }

    interface Fault {
        void inject() throws Exception;
    }

    private static double measure(Client client, Fault killLeader) throws Exception {
        long steadyUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEADY_MILLIS);
        int i = 0;
        while (System.nanoTime() < steadyUntil) {
            put(client, i++);
        }
        long killedAt = System.nanoTime();
        killLeader.inject();
        long deadline = killedAt + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (put(client, i++)) {
                return Stats.millisSince(killedAt);
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no successful write within " + MAX_WAIT_MILLIS + " ms of the kill");
    }

    private static boolean put(Client client, int i) {
        try {
            client.getKVClient().put(bytes("failover"), bytes(Integer.toString(i))).get(PUT_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception failed) {
            return false;
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

}
