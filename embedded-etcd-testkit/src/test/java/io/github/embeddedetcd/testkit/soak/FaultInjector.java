/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import io.github.embeddedetcd.testkit.TestNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Injects faults into a test cluster one at a time, each followed by the wait until the cluster
 * is whole again (a leader, every running node healthy), and counts them.
 */
final class FaultInjector {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private final EtcdTestCluster cluster;
    private final Workload workload;
    private final Random random;
    private final Duration outage;
    private int isolations;
    private final Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
    private final List<Client> retiredClients = new ArrayList<>();

    /** @param outage how long a paused or isolated leader stays so: longer than the election timeout */
    FaultInjector(EtcdTestCluster cluster, Workload workload, Random random, Duration outage) {
        this.cluster = cluster;
        this.workload = workload;
        this.random = random;
        this.outage = outage;
    }

    void inject(Fault fault) throws InterruptedException {
        LOG.info("Injecting {} into {}", fault, cluster);
        switch (fault) {
            case KILL_LEADER -> killAndRestart(cluster.awaitLeader(RECOVERY));
            case KILL_FOLLOWER -> killAndRestart(anyFollower());
            case PAUSE_LEADER -> {
                TestNode leader = cluster.awaitLeader(RECOVERY);
                cluster.pause(leader);
                Thread.sleep(outage.toMillis());
                cluster.resume(leader);
            }
            case STOP_AND_RESTART -> cluster.restart(cluster.nodes().get(random.nextInt(cluster.nodes().size())));
            case REPLACE_MEMBER -> {
                cluster.removeNode(anyFollower());
                cluster.addNode();
                retiredClients.add(workload.switchTo(EtcdAdmin.connect(cluster.clientEndpoints()).newClient()));
            }
            case ISOLATE_LEADER -> {
                cluster.partition(Set.of(cluster.awaitLeader(RECOVERY)));
                // the first isolation and every other one outlast the clients' deadline: writes sent to the old leader
                // then time out on the client and may still take effect after the heal, after newer writes
                Thread.sleep(isolations++ % 2 == 0 ? Workload.DEADLINE.plusSeconds(1).toMillis() : outage.toMillis());
                cluster.heal();
            }
        }
        injected.merge(fault, 1, Integer::sum);
        awaitWhole();
    }

    private void killAndRestart(TestNode node) {
        cluster.kill(node);
        cluster.awaitLeader(RECOVERY);
        cluster.restart(node);
    }

    /** A running node that is not the leader (waiting out an election, should one be under way). */
    private TestNode anyFollower() {
        TestNode leader = cluster.awaitLeader(RECOVERY);
        List<TestNode> followers = cluster.nodes().stream().filter(n -> n != leader && n.isRunning()).toList();
        return followers.get(random.nextInt(followers.size()));
    }

    /** Waits until a node leads and every node answers /health. */
    void awaitWhole() throws InterruptedException {
        cluster.awaitLeader(RECOVERY);
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!cluster.nodes().stream().allMatch(node -> node.member().isHealthy())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cluster not whole " + RECOVERY.toSeconds() + " s after a fault: "
                        + cluster);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    Map<Fault, Integer> injected() {
        return injected;
    }

    int total() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Clients the workload used before a membership change, to close at the end. */
    List<Client> retiredClients() {
        return retiredClients;
    }
}
