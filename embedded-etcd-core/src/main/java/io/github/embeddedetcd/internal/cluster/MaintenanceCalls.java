/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddedetcd.upkeep.Alarm;
import io.github.embeddedetcd.internal.json.Json;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The upkeep calls the library makes through etcd's JSON gateway, with the caller's rights and a
 * deadline each: alarms, compaction, defragmentation and leadership transfer.
 */
public final class MaintenanceCalls {

    private static final String ALARM = "/v3/maintenance/alarm";

    private final ClusterCalls calls;

    /** @param calls calls to the member (or cluster) these go to */
    public MaintenanceCalls(ClusterCalls calls) {
        this.calls = calls;
    }

    /** The alarms the cluster has raised, for every member (they go through raft, so they need a leader). */
    public List<Alarm> alarms() {
        JsonNode answer = calls.call(ALARM, Json.object().put("action", "GET"), "list alarms", true);
        List<Alarm> alarms = new ArrayList<>();
        for (JsonNode alarm : answer.path("alarms")) {
            Alarm.Type.of(alarm.path("alarm").asText()).ifPresent(type ->
                    alarms.add(new Alarm(Long.parseUnsignedLong(alarm.path("memberID").asText("0")), type)));
        }
        return List.copyOf(alarms);
    }

    /** Disarms one member's alarm, once what raised it is mended. */
    public void disarm(Alarm alarm) {
        calls.call(ALARM, Json.object().put("action", "DEACTIVATE").put("memberID",
                        Long.toUnsignedString(alarm.memberId())).put("alarm", alarm.type().name()),
                "disarm " + alarm, true);
    }

    /**
     * Compacts the history up to this revision and waits until the answering member applied it
     * (physical), so that a defragmentation right after gives the space back.
     */
    public void compact(long revision, Duration timeout) {
        try {
            calls.callMember(calls.endpoint(), "/v3/kv/compaction", Json.object().put("revision", revision)
                    .put("physical", true), "compact up to revision " + revision, timeout);
        } catch (ClusterCallException e) {
            if (e.error() != EtcdError.COMPACTED) {
                throw e;
            }
            // etcd's own auto-compaction got there first: nothing older is left
        }
    }

    /** Defragments the member at this client URL; it serves nothing else meanwhile. */
    public void defragment(URI member, Duration timeout) {
        calls.callMember(member, "/v3/maintenance/defragment", Json.object(), "defragment " + member, timeout);
    }

    /** Hands leadership to this member; only the leader can. */
    public void moveLeader(long targetId) {
        calls.call("/v3/maintenance/transfer-leadership", Json.object().put("targetID",
                Long.toUnsignedString(targetId)), "hand leadership to member " + Long.toHexString(targetId), true);
    }
}
