/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MembershipListener;

/**
 * Turns the difference between two membership polls into {@link MembershipListener} events. The
 * first poll is a baseline: members already there are not reported as added.
 */
final class MembershipChanges {

    private MembershipChanges() {
    }

    /** @param before the previous poll, null for the first one */
    static void publish(MembershipView before, MembershipView after, boolean wasLearner, EventDispatcher events) {
        if (before == null) {
            if (wasLearner) {
                after.local().ifPresent(self -> events.fire("promoted " + self, l -> l.memberPromoted(self)));
            }
            after.leader().ifPresent(leader -> events.fire("leader " + leader, l -> l.leaderChanged(leader)));
            return;
        }
        for (Member gone : before.members().values()) {
            if (!after.members().containsKey(gone.id()) && gone.id() != before.localId()) {
                events.fire("removed " + gone, l -> l.memberRemoved(gone));
            }
        }
        for (Member now : after.members().values()) {
            Member was = before.members().get(now.id());
            if (was == null) {
                events.fire("added " + now, l -> l.memberAdded(now));
            }
            if ((was == null || was.learner()) && !now.learner()) {
                events.fire("promoted " + now, l -> l.memberPromoted(now));
            }
        }
        if (after.leaderId() != before.leaderId() && after.leaderId() != 0) {
            after.leader().ifPresent(leader -> events.fire("leader " + leader, l -> l.leaderChanged(leader)));
        }
    }
}
