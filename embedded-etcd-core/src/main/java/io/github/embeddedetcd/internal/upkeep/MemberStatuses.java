/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.upkeep;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MemberStatus;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.MembershipView;

import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each member that has run says of itself, asked all at once; members that do not answer are left out. */
record MemberStatuses(Map<Member, MemberStatus> answers, long localId) {

    static MemberStatuses ask(ClusterCalls calls, MembershipView view) {
        List<Member> running = view.members().values().stream().filter(Member::hasRun).toList();
        Map<URI, MemberStatus> byUrl = calls.statuses(running.stream().map(m -> m.clientUrls().get(0)).toList());
        Map<Member, MemberStatus> answers = new LinkedHashMap<>();
        running.forEach(m -> {
            MemberStatus status = byUrl.get(m.clientUrls().get(0));
            if (status != null) {
                answers.put(m, status);
            }
        });
        return new MemberStatuses(answers, view.localId());
    }

    /** The members that answered, other members first (most to give back first), this one last. */
    List<Member> localLast() {
        Comparator<Member> order = Comparator.<Member, Boolean>comparing(m -> m.id() == localId)
                .thenComparing(m -> -answers.get(m).raft().reclaimableBytes());
        return answers.keySet().stream().sorted(order).toList();
    }
}
