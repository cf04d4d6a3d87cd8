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
 * Promotes learners as soon as etcd accepts it, from the leader only: each check simply asks etcd
 * to promote, and etcd answers "not in sync" until the learner has caught up (raft match index
 * at least 90% of the leader's). A learner without raft progress for the stall timeout is removed.
 */
final class Promoter {

    private static final Logger LOG = LoggerFactory.getLogger(Promoter.class);
    private static final long PROGRESS_CHECK_NANOS = Duration.ofSeconds(1).toNanos();

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
    void promoteReady(ClusterCalls calls, List<Member> learners) {
        Set<Long> ids = learners.stream().map(Member::id).collect(Collectors.toSet());
        progress.keySet().retainAll(ids);
        long now = System.nanoTime();
        for (Member learner : learners) {
            Progress p = progress.computeIfAbsent(learner.id(), id -> new Progress(now));
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
            case LEARNER_NOT_IN_SYNC -> evictIfStalled(calls, learner, p);
            default -> LOG.debug("Promotion of {} not possible now: {}", learner, e.getMessage());
        }
    }

    private void evictIfStalled(ClusterCalls calls, Member learner, Progress p) {
        long now = System.nanoTime();
        if (now - p.lastChecked < PROGRESS_CHECK_NANOS) {
            return;
        }
        p.lastChecked = now;
        long index = learner.started() && !learner.clientUrls().isEmpty()
                ? statusIndex(calls, learner) : -1;
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
        try {
            return calls.status(learner.clientUrls().get(0)).raft().raftIndex();
        } catch (ClusterCallException e) {
            return -1;
        }
    }
}
