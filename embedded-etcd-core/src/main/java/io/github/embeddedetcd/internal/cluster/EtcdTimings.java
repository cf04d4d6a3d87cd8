/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import java.time.Duration;

/**
 * etcd's own timings (its server code, 3.4 and 3.5) for a given election timeout, and the waits on
 * etcd sized from them with a margin for a loaded machine — never from how fast a machine was once.
 */
public record EtcdTimings(Duration electionTimeout) {

    /**
     * After a membership change or a reconnect, etcd refuses the next change ("unhealthy cluster")
     * until the leader has been connected to every voter this long (its {@code HealthInterval}).
     */
    public static final Duration HEALTH_INTERVAL = Duration.ofSeconds(5);
    /** Scheduling delays on a busy 2-core machine: GC, other etcd processes, a CPU hog beside the build. */
    public static final Duration MARGIN = Duration.ofSeconds(2);

    /**
     * How long etcd waits for a proposal to be applied before it answers "request timed out" (its
     * {@code ReqTimeout}: 5 s plus two election timeouts): what a write dropped in an election costs.
     */
    public Duration requestTimeout() {
        return Duration.ofSeconds(5).plus(electionTimeout.multipliedBy(2));
    }

    /**
     * A bound on electing a new leader: a follower waits a randomized 1–2 election timeouts before it
     * campaigns, and split votes, or pre-votes refused by a member that still hears the old leader, can
     * take a few rounds; ten election timeouts cover that with room.
     */
    public Duration leaderElection() {
        return electionTimeout.multipliedBy(10);
    }

    /** One call to etcd: its request timeout and the margin. */
    public Duration call() {
        return requestTimeout().plus(MARGIN);
    }

    /** A fault until the cluster serves again: a new leader, then a call that meets a dropped proposal and a retry. */
    public Duration recovery() {
        return leaderElection().plus(call().multipliedBy(2));
    }

    /** A membership change and its effects: the health interval, twice (a reconnect can refuse it once more), and a recovery. */
    public Duration reconfiguration() {
        return HEALTH_INTERVAL.multipliedBy(2).plus(recovery());
    }
}
