/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.internal.json.Json;
import io.github.embeddedetcd.snapshot.Snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A snapshot's metadata file: what {@link Snapshot} holds, as JSON, with a format number. */
final class SnapshotMetadata {

    private static final int FORMAT = 1;

    private SnapshotMetadata() {
    }

    static String toJson(Snapshot snapshot) {
        ObjectNode json = Json.object().put("format", FORMAT)
                .put("file", snapshot.file().getFileName().toString())
                .put("revision", snapshot.revision())
                .put("sizeBytes", snapshot.sizeBytes())
                .put("sha256", snapshot.sha256())
                .put("member", snapshot.member())
                .put("memberId", Long.toHexString(snapshot.memberId()))
                .put("clusterId", Long.toHexString(snapshot.clusterId()))
                .put("etcdVersion", snapshot.etcdVersion())
                .put("takenAt", snapshot.takenAt().toString());
        ArrayNode members = json.putArray("members");
        for (Member member : snapshot.members()) {
            ObjectNode m = members.addObject().put("id", Long.toHexString(member.id())).put("name", member.name())
                    .put("learner", member.learner());
            m.set("peerUrls", Json.urls(member.peerUrls()));
            m.set("clientUrls", Json.urls(member.clientUrls()));
        }
        return Json.writeIndented(json);
    }

    /** The snapshot described by this JSON, its file taken as {@code file}. */
    static Snapshot fromJson(String text, Path file) throws IOException {
        JsonNode json = Json.parse(text);
        if (json.path("format").asInt() != FORMAT) {
            throw new IOException("format " + json.path("format") + " is not one this version reads (" + FORMAT + ")");
        }
        List<Member> members = new ArrayList<>();
        for (JsonNode m : json.path("members")) {
            members.add(new Member(hex(m, "id"), Json.requiredText(m, "name"), Json.urls(m.path("peerUrls")),
                    Json.urls(m.path("clientUrls")), m.path("learner").asBoolean(), false, Optional.empty()));
        }
        return new Snapshot(file, Json.requiredNumber(json, "revision"), Json.requiredNumber(json, "sizeBytes"),
                Json.requiredText(json, "sha256"), Json.requiredText(json, "member"), hex(json, "memberId"),
                hex(json, "clusterId"), Json.requiredText(json, "etcdVersion"),
                Instant.parse(Json.requiredText(json, "takenAt")), members);
    }

    private static long hex(JsonNode json, String field) throws IOException {
        try {
            return Long.parseUnsignedLong(Json.requiredText(json, field), 16);
        } catch (NumberFormatException e) {
            throw new IOException("'" + field + "' is not a hexadecimal id: " + json.path(field));
        }
    }
}
