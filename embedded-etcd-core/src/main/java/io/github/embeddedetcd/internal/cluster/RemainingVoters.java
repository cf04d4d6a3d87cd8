/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MemberStatus;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The voters of a cluster and which of them answer: a removal must leave a majority of the voters
 * that remain answering (etcd refuses it otherwise, or the cluster stops), so the library counts
 * before it removes.
 *
 * @param voters    the voting members
 * @param answering the ids of those whose answer counted
 */
record RemainingVoters(List<Member> voters, Set<Long> answering) {

    RemainingVoters {
        voters = List.copyOf(voters);
        answering = Set.copyOf(answering);
    }

    /**
     * Asks every voter's client URLs for its status, all at once, each within the calls' deadline.
     *
     * @param counts which answers count (e.g. only those that follow a leader)
     */
    static RemainingVoters ask(ClusterCalls calls, List<Member> members, Predicate<MemberStatus> counts) {
        List<Member> voters = members.stream().filter(m -> !m.learner()).toList();
        Set<Long> ids = voters.stream().map(Member::id).collect(Collectors.toSet());
        Set<Long> answering = calls.statuses(voters.stream().flatMap(m -> m.clientUrls().stream()).toList()).values()
                .stream().filter(counts).map(MemberStatus::memberId).filter(ids::contains).collect(Collectors.toSet());
        return new RemainingVoters(voters, answering);
    }

    /** The voters that would remain after this member's removal. */
    RemainingVoters without(long memberId) {
        return new RemainingVoters(voters.stream().filter(m -> m.id() != memberId).toList(),
                answering.stream().filter(id -> id != memberId).collect(Collectors.toSet()));
    }

    boolean answers(long memberId) {
        return answering.contains(memberId);
    }

    /** How many voters make a majority. */
    int majority() {
        return voters.size() / 2 + 1;
    }

    boolean keepMajority() {
        return answering.size() >= majority();
    }

    /** The voters that did not answer, by name (by id while never started). */
    List<String> silent() {
        return voters.stream().filter(m -> !answers(m.id())).map(m -> m.started() ? m.name() : m.idHex()).toList();
    }

    /** E.g. "only 1 of the 2 voters that would remain (n2, n3) answer, and 2 must". */
    String shortfall(String which) {
        return "only " + answering.size() + " of the " + voters.size() + " voters that would remain answer"
                + which + " (not answering: " + String.join(", ", silent()) + "), and " + majority() + " must";
    }
}
