/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.embeddedetcd.internal.json.Json;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * That this member was added to a cluster and how to start it: its member id and the
 * {@code initial-cluster} etcd needs. Kept in the data dir until etcd has bootstrapped there,
 * so a crash between adding and starting resumes as the same member.
 *
 * @param endpoints the client URLs the member joined through
 */
public record JoinRecord(long memberId, Map<String, List<URI>> initialCluster, List<URI> endpoints) {

    private static final String FILE = "join.json";

    public static Optional<JoinRecord> load(DataDir state) {
        return Records.load(state, FILE, JoinRecord::fromJson, "the member then starts as if it had not joined");
    }

    public void save(DataDir state) {
        ObjectNode json = Json.object().put("memberId", memberId);
        ObjectNode cluster = json.putObject("initialCluster");
        initialCluster.forEach((name, urls) -> cluster.set(name, Json.urls(urls)));
        json.set("endpoints", Json.urls(endpoints));
        Records.save(state, FILE, json);
    }

    private static JoinRecord fromJson(JsonNode json) {
        Map<String, List<URI>> cluster = new LinkedHashMap<>();
        json.path("initialCluster").fields().forEachRemaining(member -> cluster.put(member.getKey(),
                Json.urls(member.getValue())));
        return new JoinRecord(Json.requiredNumber(json, "memberId"), cluster, Json.urls(json.path("endpoints")));
    }
}
