/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.EtcdConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The leader's replacement of dead voters ({@code embedded.remove-unreachable-after}, off by
 * default): a voter that has not answered on its client URLs as a follower of this leader for that
 * long (killed, paused, cut off) is removed, so that a new member can take its place. Only one at a time — after a removal every other voter must stay
 * unreachable for the whole period again — and only when the voters that answer, the leader
 * included, are a majority of those that remain (a leader cut off from the others removes nobody)
 * and at least {@code embedded.minimum-voters} remain. A voter that answers once starts its period
 * anew, so a partition that heals before the deadline removes nobody.
 */
final class UnreachableVoters {

    private static final Logger LOG = LoggerFactory.getLogger(UnreachableVoters.class);
    /** How often the leader asks while a voter is unreachable: the resolution of the period. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private final EtcdConfig config;
    private final EventDispatcher events;
    private final Map<Long, Long> unreachableSince = new HashMap<>();
    private String lastHeldBack;

    UnreachableVoters(EtcdConfig config, EventDispatcher events) {
        this.config = config;
        this.events = events;
    }

    /** Whether a voter is unreachable now, so that the leader should ask again within {@link #WATCH_INTERVAL}. */
    boolean watching() {
        return !unreachableSince.isEmpty();
    }

    /** This member no longer leads: the periods are measured anew by the next leader. */
    void notLeading() {
        unreachableSince.clear();
        lastHeldBack = null;
    }

    /** Call on the leader after each membership poll. */
    void check(ClusterCalls calls, MembershipView view) {
        Duration after = config.removeUnreachableAfter();
        if (after == null) {
            return;
        }
        // a voter cut off from this leader may still answer its client URL, but no longer follows this leader
        RemainingVoters voters = RemainingVoters.ask(calls, List.copyOf(view.members().values()),
                status -> status.leaderId() == view.localId());
        List<Member> others = voters.voters().stream().filter(m -> m.id() != view.localId()).toList();
        long now = System.nanoTime();
        unreachableSince.keySet().retainAll(others.stream().map(Member::id).collect(Collectors.toSet()));
        others.forEach(m -> {
            if (voters.answers(m.id())) {
                unreachableSince.remove(m.id());
            } else {
                unreachableSince.putIfAbsent(m.id(), now);
            }
        });
        Optional<Member> due = others.stream().filter(m -> unreachableSince.containsKey(m.id()))
                .filter(m -> now - unreachableSince.get(m.id()) >= after.toNanos())
                .min(Comparator.comparingLong(m -> unreachableSince.get(m.id())));
        if (due.isEmpty()) {
            lastHeldBack = null;
            return;
        }
        Member dead = due.get();
        RemainingVoters remaining = voters.without(dead.id());
        if (remaining.voters().size() < config.minimumVoters()) {
            holdBack(dead, "that would leave " + remaining.voters().size() + " voters, fewer than "
                    + "embedded.minimum-voters (" + config.minimumVoters() + ")");
        } else if (!remaining.keepMajority()) {
            holdBack(dead, remaining.shortfall(" as followers of this leader") + ": this member may be the one "
                    + "cut off");
        } else {
            remove(calls, dead, Duration.ofNanos(now - unreachableSince.get(dead.id())));
        }
    }

    private void remove(ClusterCalls calls, Member dead, Duration unreachableFor) {
        try {
            calls.remove(dead.id());
        } catch (ClusterCallException refused) {
            holdBack(dead, "etcd refused the removal: " + refused.getMessage());
            return;
        }
        LOG.warn("Removed voter {}: unreachable for {} s, longer than embedded.remove-unreachable-after ({}); a new "
                + "member can take its place", dead, unreachableFor.toSeconds(), config.removeUnreachableAfter());
        // never two at once: every other voter's period starts again
        unreachableSince.clear();
        lastHeldBack = null;
        events.fire("unreachable voter removed", listener -> listener.unreachableVoterRemoved(dead, unreachableFor));
    }

    /** Says once, not at every poll, why a due removal waits. */
    private void holdBack(Member dead, String why) {
        String text = "Not removing unreachable voter " + dead + " yet: " + why;
        if (!Objects.equals(text, lastHeldBack)) {
            LOG.warn(text);
            lastHeldBack = text;
        }
    }
}
