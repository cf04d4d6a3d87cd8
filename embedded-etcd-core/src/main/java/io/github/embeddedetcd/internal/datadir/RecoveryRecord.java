/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.embeddedetcd.internal.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * That this member's cluster was reset to it alone ({@code embedded.force-new-cluster}): a later
 * start with the setting still on starts normally instead of resetting again, and a start without
 * it forgets the record, so that a later loss of quorum can be recovered the same way.
 *
 * @param removed     the former members the reset removed
 * @param commitIndex the raft index the member's data was kept up to
 */
public record RecoveryRecord(List<String> removed, long commitIndex, String recoveredAt) {

    private static final String FILE = "recovered.json";

    public RecoveryRecord {
        removed = List.copyOf(removed);
    }

    public static Optional<RecoveryRecord> load(DataDir state) {
        return Records.load(state, FILE, RecoveryRecord::fromJson,
                "a start with embedded.force-new-cluster then resets the cluster to this member again");
    }

    public void save(DataDir state) {
        ObjectNode json = Json.object().put("commitIndex", commitIndex).put("recoveredAt", recoveredAt);
        ArrayNode names = json.putArray("removed");
        removed.forEach(names::add);
        Records.save(state, FILE, json);
    }

    public static void clear(DataDir state) {
        state.delete(FILE);
    }

    private static RecoveryRecord fromJson(JsonNode json) {
        List<String> removed = new ArrayList<>();
        json.path("removed").forEach(name -> removed.add(name.asText()));
        return new RecoveryRecord(removed, Json.requiredNumber(json, "commitIndex"), Json.requiredText(json, "recoveredAt"));
    }
}
