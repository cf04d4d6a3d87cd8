/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

/**
 * What one member says of itself (etcd's Status call).
 *
 * @param memberId its id
 * @param leaderId the id of the leader it follows, 0 when it knows of none
 * @param learner  whether it is a learner
 * @param raft     its raft term and index, etcd version and DB size
 */
public record MemberStatus(long memberId, long leaderId, boolean learner, Member.Status raft) {

    /** Whether the member says it leads. */
    public boolean isLeader() {
        return leaderId != 0 && leaderId == memberId;
    }
}
