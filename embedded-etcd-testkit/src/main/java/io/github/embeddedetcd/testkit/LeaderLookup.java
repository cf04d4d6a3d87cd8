/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.MemberStatus;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which node leads, asked of every reachable node: a stale leader cut off by a partition loses to
 * the one with the higher term.
 */
final class LeaderLookup {

    private static final Duration POLL = Duration.ofMillis(20);

    private final ClusterClients clients;
    private final Supplier<List<TestNode>> nodes;

    LeaderLookup(ClusterClients clients, Supplier<List<TestNode>> nodes) {
        this.clients = clients;
        this.nodes = nodes;
    }

    Optional<TestNode> current() {
        List<TestNode> reachable = nodes.get().stream().filter(n -> n.isRunning() && !n.isPaused()).toList();
        if (reachable.isEmpty()) {
            return Optional.empty();
        }
        List<URI> urls = reachable.stream().map(TestNode::clientEndpoint).toList();
        Map<URI, MemberStatus> states = clients.admin(urls).statuses(urls);
        return reachable.stream()
                .filter(n -> states.containsKey(n.clientEndpoint()))
                .filter(n -> states.get(n.clientEndpoint()).isLeader())
                .max(Comparator.comparingLong(n -> states.get(n.clientEndpoint()).raft().raftTerm()));
    }

    /** The leader once there is one; empty at the deadline. */
    Optional<TestNode> await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<TestNode> leader = current();
            if (leader.isPresent() || System.nanoTime() > deadline) {
                return leader;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedEtcdException("Interrupted while waiting for a leader", e);
            }
        }
    }
}
