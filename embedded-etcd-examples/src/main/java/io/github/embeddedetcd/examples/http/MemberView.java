/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.upkeep.Alarm;

import java.net.URI;
import java.util.List;

/**
 * One member as {@code GET /members} and {@code members -w json} show it (ids as etcdctl prints
 * them); {@code /members} adds the member's armed alarms.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberView(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("peerURLs") List<URI> peerUrls,
        @JsonProperty("clientURLs") List<URI> clientUrls,
        @JsonProperty("isLearner") boolean learner,
        @JsonProperty("started") boolean started,
        @JsonProperty("isLeader") boolean leader,
        @JsonProperty("raftTerm") Long raftTerm,
        @JsonProperty("raftIndex") Long raftIndex,
        @JsonProperty("raftAppliedIndex") Long raftAppliedIndex,
        @JsonProperty("version") String version,
        @JsonProperty("dbSize") Long dbSize,
        @JsonProperty("dbSizeInUse") Long dbSizeInUse,
        @JsonProperty("alarms") List<String> alarms) {

    /** @param alarms the cluster's armed alarms, of which this member's are shown; null leaves them out */
    public static MemberView of(Member m, List<Alarm> alarms) {
        Member.Status s = m.status().orElse(null);
        return new MemberView(m.idHex(), m.name(), m.peerUrls(), m.clientUrls(), m.learner(), m.started(), m.leader(),
                s == null ? null : s.raftTerm(), s == null ? null : s.raftIndex(),
                s == null ? null : s.raftAppliedIndex(), s == null ? null : s.version(), s == null ? null : s.dbSize(),
                s == null ? null : s.dbSizeInUse(), alarms == null ? null : alarms.stream()
                        .filter(a -> a.memberId() == m.id()).map(a -> a.type().name()).toList());
    }

    /** The members as {@code members -w json} prints them. */
    public static List<MemberView> of(List<Member> members) {
        return members.stream().map(m -> of(m, null)).toList();
    }

    /** The members as {@code GET /members} shows them, each with its armed alarms. */
    public static List<MemberView> of(List<Member> members, List<Alarm> alarms) {
        return members.stream().map(m -> of(m, alarms)).toList();
    }
}
