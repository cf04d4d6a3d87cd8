/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddedetcd.internal.json.Json;
import io.github.embeddedetcd.internal.snapshot.BoltFile;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The members a stopped member's own data lists: etcd 3.4 and 3.5 keep each one as JSON in the
 * backend's {@code members} bucket ({@code id}, {@code peerURLs}, {@code name}, {@code isLearner}).
 * Only the ids and peer URLs are to be relied on: etcd 3.5 leaves a promoted member marked as a
 * learner there, and without its name (its v2 store holds those), so who is a voter is asked of the
 * members that still run ({@link PeerProbe}).
 */
public final class FormerMembers {

    private FormerMembers() {
    }

    /**
     * One member as the data dir knows it; the name is empty for a member that never started.
     *
     * @param clientUrls what the member advertises; only a running member's {@code /members} says
     */
    public record FormerMember(long id, String name, List<URI> peerUrls, List<URI> clientUrls, boolean learner) {

        /** The name, or the id in hex for a member that never started. */
        public String label() {
            return name.isEmpty() ? String.format("%016x", id) : name;
        }
    }

    /**
     * @param dataDir the member's data dir, holding {@code member/snap/db}
     * @throws IOException when the backend cannot be read
     */
    public static List<FormerMember> of(Path dataDir) throws IOException {
        Path db = dataDir.resolve("member").resolve("snap").resolve("db");
        if (!Files.isRegularFile(db)) {
            return List.of();
        }
        List<FormerMember> members = new ArrayList<>();
        try (BoltFile file = BoltFile.open(db)) {
            for (byte[] value : file.values("members")) {
                members.add(parse(Json.parse(new String(value, StandardCharsets.UTF_8))));
            }
        }
        return members;
    }

    /** A member as etcd writes it in JSON, in its backend and on a peer URL's {@code /members}. */
    static FormerMember parse(JsonNode json) {
        return new FormerMember(Long.parseUnsignedLong(json.path("id").asText("0")), json.path("name").asText(""),
                Json.urls(json.path("peerURLs")), Json.urls(json.path("clientURLs")), json.path("isLearner").asBoolean(false));
    }
}
