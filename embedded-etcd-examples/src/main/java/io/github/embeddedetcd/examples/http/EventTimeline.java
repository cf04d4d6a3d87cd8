/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MembershipListener;
import io.github.embeddedetcd.upkeep.Alarm;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The member's events of the last {@link #KEPT} (leader changes, joins, promotions, removals,
 * alarms, defragmentations), kept for the live page's timeline. Register it as a listener when
 * building the member, and hand it to {@link MembersHttpServer#start}.
 */
public final class EventTimeline implements MembershipListener {

    /** How far back the timeline reaches. */
    public static final Duration KEPT = Duration.ofMinutes(10);
    /** At most this many events, however busy the cluster: the page stays small. */
    private static final int MOST = 1_000;

    private final Clock clock;
    private final Deque<Event> events = new ArrayDeque<>();

    public EventTimeline() {
        this(Clock.systemUTC());
    }

    EventTimeline(Clock clock) {
        this.clock = clock;
    }

    /**
     * One event as the page draws it.
     *
     * @param at     milliseconds since the epoch
     * @param kind   leader, added, promoted, removed, alarm-raised, alarm-cleared, defragmented
     * @param member the member's name, or its id when it has none yet
     * @param detail what else there is to say, e.g. the alarm's type
     */
    public record Event(@JsonProperty("at") long at, @JsonProperty("kind") String kind,
                        @JsonProperty("member") String member, @JsonProperty("detail") String detail) {
    }

    /** The events still within {@link #KEPT}, oldest first. */
    public synchronized List<Event> events() {
        forgetOld();
        return List.copyOf(events);
    }

    private synchronized void add(String kind, String member, String detail) {
        events.addLast(new Event(clock.millis(), kind, member, detail));
        while (events.size() > MOST) {
            events.removeFirst();
        }
        forgetOld();
    }

    private void forgetOld() {
        long oldest = clock.millis() - KEPT.toMillis();
        while (!events.isEmpty() && events.peekFirst().at() < oldest) {
            events.removeFirst();
        }
    }

    private static String label(Member m) {
        return m.name().isEmpty() ? m.idHex() : m.name();
    }

    @Override
    public void memberAdded(Member learner) {
        add("added", label(learner), "learner");
    }

    @Override
    public void memberPromoted(Member member) {
        add("promoted", label(member), "voter");
    }

    @Override
    public void memberRemoved(Member member) {
        add("removed", label(member), "");
    }

    @Override
    public void leaderChanged(Member leader) {
        add("leader", label(leader), "");
    }

    @Override
    public void alarmRaised(Alarm alarm) {
        add("alarm-raised", String.format("%016x", alarm.memberId()), alarm.type().name());
    }

    @Override
    public void alarmCleared(Alarm alarm) {
        add("alarm-cleared", String.format("%016x", alarm.memberId()), alarm.type().name());
    }

    @Override
    public void memberDefragmented(Member member, long dbSizeBefore, long dbSizeAfter) {
        add("defragmented", label(member), dbSizeBefore + " → " + dbSizeAfter + " bytes");
    }
}
