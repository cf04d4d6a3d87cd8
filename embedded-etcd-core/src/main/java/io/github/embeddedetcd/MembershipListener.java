/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.upkeep.Alarm;

import java.time.Duration;

/**
 * Hears membership changes, and the upkeep's alarms and defragmentations, as a local member observes them. Register one with
 * {@link EmbeddedEtcd.Builder#listener(MembershipListener)}, or for every member of the JVM through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.github.embeddedetcd.MembershipListener}).
 *
 * <p>Each change is delivered once per local member, in the order observed, on that member's own
 * event thread; a listener that throws is logged and never affects the member. Don't block long:
 * later events wait behind it.
 */
public interface MembershipListener {

    /** A member was added as a learner (it may not be started yet). */
    default void memberAdded(Member learner) {
    }

    /** A learner was promoted to a voting member. */
    default void memberPromoted(Member member) {
    }

    /** A member was removed from the cluster. */
    default void memberRemoved(Member member) {
    }

    /** Another member (or this one) became leader. Also called for the leader seen at start. */
    default void leaderChanged(Member leader) {
    }

    /** This local member was removed from the cluster; its etcd has stopped. */
    default void thisMemberRemoved(Member self) {
    }

    /**
     * This member, leading, removed a voter that had not answered for longer than
     * {@code embedded.remove-unreachable-after}. Followed by {@link #memberRemoved} on every member.
     */
    default void unreachableVoterRemoved(Member removed, Duration unreachableFor) {
    }

    /**
     * This local member started on an empty data dir while the cluster still listed it as a member
     * that had run (its volume was lost): that registration was removed and the member joined anew
     * as a learner ({@code embedded.rejoin-after-data-loss}). Called once, after the start.
     */
    default void rejoinedAfterDataLoss(Member former) {
    }

    /**
     * etcd raised an alarm (NOSPACE, CORRUPT) for a member, as this member's upkeep check saw it
     * ({@code embedded.upkeep-interval}).
     */
    default void alarmRaised(Alarm alarm) {
    }

    /** An alarm this member had seen raised is disarmed. */
    default void alarmCleared(Alarm alarm) {
    }

    /**
     * This member, leading, defragmented a member (itself too, after handing leadership over).
     * {@code member} carries its leader flag as etcd said right before, and its status after.
     */
    default void memberDefragmented(Member member, long dbSizeBefore, long dbSizeAfter) {
    }
}
