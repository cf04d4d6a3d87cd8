/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Promotes learners once they have caught up, from the leader only. etcd checks that too (the
 * learner's raft match index at least 90% of the leader's), but its check passes a learner that
 * its raft does not track yet — one added a moment ago, not even started — and a member promoted
 * that early can end up a voter in the cluster's eyes and a learner in its own (etcd issue 18347).
 * So a learner is promoted only once it has started and its own raft index, as it reports it, is
 * at least 90% of the leader's. A learner without raft progress for the stall timeout is removed.
 */
final class Promoter {

    private static final Logger LOG = LoggerFactory.getLogger(Promoter.class);
    private static final long PROGRESS_CHECK_NANOS = Duration.ofSeconds(1).toNanos();
    /** etcd's own bar for promotion: the learner's raft index at 90% of the leader's. */
    private static final double READY_SHARE = 0.9;

    private final Duration stallTimeout;
    private final Map<Long, Progress> progress = new HashMap<>();

    /** When a learner was first seen, and the last raft index it reached and when. */
    private static final class Progress {
        final long firstSeen;
        long lastIndex = -1;
        long lastAdvance;
        long lastChecked;

        Progress(long now) {
            firstSeen = now;
            lastAdvance = now;
        }
    }

    Promoter(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    /** Tries to promote each learner once; call on the leader only. */
    void promoteReady(ClusterCalls calls, long leaderIndex, List<Member> learners) {
        Set<Long> ids = learners.stream().map(Member::id).collect(Collectors.toSet());
        progress.keySet().retainAll(ids);
        long now = System.nanoTime();
        for (Member learner : learners) {
            Progress p = progress.computeIfAbsent(learner.id(), id -> new Progress(now));
            long learnerIndex = statusIndex(calls, learner);
            if (learnerIndex < READY_SHARE * leaderIndex) {
                evictIfStalled(calls, learner, p, learnerIndex);
                continue;
            }
            try {
                calls.promote(learner.id());
                LOG.info("Promoted learner {} to voter, {} ms after it was first seen", learner,
                        (System.nanoTime() - p.firstSeen) / 1_000_000);
                progress.remove(learner.id());
            } catch (ClusterCallException e) {
                handleRefusal(calls, learner, p, e);
            }
        }
    }

    private void handleRefusal(ClusterCalls calls, Member learner, Progress p, ClusterCallException e) {
        switch (e.error()) {
            case NOT_A_LEARNER, MEMBER_NOT_FOUND -> progress.remove(learner.id());
            case LEARNER_NOT_IN_SYNC -> evictIfStalled(calls, learner, p, statusIndex(calls, learner));
            default -> LOG.debug("Promotion of {} not possible now: {}", learner, e.getMessage());
        }
    }

    /** @param index the learner's raft index now, -1 when it did not say */
    private void evictIfStalled(ClusterCalls calls, Member learner, Progress p, long index) {
        long now = System.nanoTime();
        if (now - p.lastChecked < PROGRESS_CHECK_NANOS) {
            return;
        }
        p.lastChecked = now;
        if (index > p.lastIndex) {
            p.lastIndex = index;
            p.lastAdvance = now;
            return;
        }
        if (now - p.lastAdvance >= stallTimeout.toNanos()) {
            LOG.warn("Removing learner {}: no raft progress for {} s ({}), longer than embedded.learner-stall-timeout",
                    learner, (now - p.lastAdvance) / 1_000_000_000,
                    learner.started() ? "stuck at raft index " + p.lastIndex : "it never started");
            try {
                calls.remove(learner.id());
                progress.remove(learner.id());
            } catch (ClusterCallException e) {
                LOG.warn("Could not remove stalled learner {}: {}", learner, e.getMessage());
            }
        }
    }

    private static long statusIndex(ClusterCalls calls, Member learner) {
        if (!learner.started() || learner.clientUrls().isEmpty()) {
            return -1;
        }
        try {
            return calls.status(learner.clientUrls().get(0)).raft().raftIndex();
        } catch (ClusterCallException e) {
            return -1;
        }
    }
}
