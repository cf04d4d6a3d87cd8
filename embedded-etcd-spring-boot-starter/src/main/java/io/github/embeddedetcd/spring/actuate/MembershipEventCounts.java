/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring.actuate;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MembershipListener;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the membership events this member sees, for {@link EmbeddedEtcdMetrics}. */
public final class MembershipEventCounts implements MembershipListener {

    private final AtomicLong leaderChanges = new AtomicLong();
    private final AtomicLong promotions = new AtomicLong();
    private final AtomicLong removals = new AtomicLong();
    private final AtomicLong unreachableRemovals = new AtomicLong();

    @Override
    public void leaderChanged(Member leader) {
        leaderChanges.incrementAndGet();
    }

    @Override
    public void memberPromoted(Member member) {
        promotions.incrementAndGet();
    }

    @Override
    public void memberRemoved(Member member) {
        removals.incrementAndGet();
    }

    @Override
    public void unreachableVoterRemoved(Member removed, Duration unreachableFor) {
        unreachableRemovals.incrementAndGet();
    }

    /** Leader changes seen, counting the leader seen at start. */
    public long leaderChanges() {
        return leaderChanges.get();
    }

    /** Learners promoted to voters. */
    public long promotions() {
        return promotions.get();
    }

    /** Members removed from the cluster. */
    public long removals() {
        return removals.get();
    }

    /** Voters this member, leading, removed for being unreachable ({@code embedded.remove-unreachable-after}). */
    public long unreachableRemovals() {
        return unreachableRemovals.get();
    }
}
