/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.Member;

import java.util.List;
import java.util.Map;
import java.util.Optional;

    /** What a membership poll saw: the members (leader flagged), this member's id, the cluster's and the leader's. */
public record MembershipView(Map<Long, Member> members, long localId, long clusterId, long leaderId) {

    public Optional<Member> local() {
        return Optional.ofNullable(members.get(localId));
    }

    public Optional<Member> leader() {
        return Optional.ofNullable(members.get(leaderId));
    }

    public List<Member> learners() {
        return members.values().stream().filter(Member::learner).toList();
    }
}
