/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddedetcd.internal.json.Json;

import java.util.Optional;

/**
 * That this data dir was restored from a snapshot: a later start with the same
 * {@code embedded.restore-from} starts on it rather than refusing a data dir that is not empty.
 *
 * @param sha256   the snapshot's database hash
 * @param revision the revision the snapshot held
 * @param bump     how far the revision was raised on restore (0 on etcd 3.4)
 */
public record RestoreRecord(String snapshot, String sha256, long revision, long bump, String restoredAt) {

    private static final String FILE = "restored.json";

    public static Optional<RestoreRecord> load(DataDir state) {
        return Records.load(state, FILE, RestoreRecord::fromJson,
                "a start with embedded.restore-from then refuses this data dir as not empty");
    }

    public void save(DataDir state) {
        Records.save(state, FILE, Json.object().put("snapshot", snapshot).put("sha256", sha256).put("revision", revision)
                .put("bump", bump).put("restoredAt", restoredAt));
    }

    private static RestoreRecord fromJson(JsonNode json) {
        return new RestoreRecord(Json.requiredText(json, "snapshot"), Json.requiredText(json, "sha256"),
                Json.requiredNumber(json, "revision"), Json.requiredNumber(json, "bump"), Json.requiredText(json, "restoredAt"));
    }
}
