/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records membership events as "type:member-id-hex" strings, in delivery order. */
public final class RecordingListener implements MembershipListener {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void memberAdded(Member learner) {
        events.add("added:" + learner.idHex());
    }

    @Override
    public void memberPromoted(Member member) {
        events.add("promoted:" + member.idHex());
    }

    @Override
    public void memberRemoved(Member member) {
        events.add("removed:" + member.idHex());
    }

    @Override
    public void leaderChanged(Member leader) {
        events.add("leader:" + leader.idHex());
    }

    @Override
    public void thisMemberRemoved(Member self) {
        events.add("self-removed:" + self.idHex());
    }

    @Override
    public void rejoinedAfterDataLoss(Member former) {
        events.add("rejoined-after-data-loss:" + former.idHex());
    }

    @Override
    public void unreachableVoterRemoved(Member removed, java.time.Duration unreachableFor) {
        events.add("unreachable-removed:" + removed.idHex());
    }

    @Override
    public void alarmRaised(io.github.embeddedetcd.upkeep.Alarm alarm) {
        events.add("alarm-raised:" + alarm.type() + ":" + String.format("%016x", alarm.memberId()));
    }

    @Override
    public void alarmCleared(io.github.embeddedetcd.upkeep.Alarm alarm) {
        events.add("alarm-cleared:" + alarm.type() + ":" + String.format("%016x", alarm.memberId()));
    }

    @Override
    public void memberDefragmented(Member member, long dbSizeBefore, long dbSizeAfter) {
        events.add("defragmented:" + member.idHex());
    }

    public List<String> events() {
        return List.copyOf(events);
    }
}
