/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import io.github.embeddedetcd.internal.json.Json;

import java.util.Optional;

/**
 * Marks a data dir whose member was removed from its cluster: etcd must never start on it again.
 *
 * @param removedAt when the removal was noticed, ISO-8601
 */
public record Tombstone(long memberId, String name, String removedAt) {

    private static final String FILE = "removed.json";

    public static Optional<Tombstone> load(DataDir state) {
        return Records.load(state, FILE, json -> new Tombstone(Json.requiredNumber(json, "memberId"),
                Json.requiredText(json, "name"), Json.requiredText(json, "removedAt")),
                "the member then forgets that it was removed from its cluster, so delete it only if it should start "
                        + "on this data again");
    }

    public void save(DataDir state) {
        Records.save(state, FILE, Json.object().put("memberId", memberId).put("name", name).put("removedAt", removedAt));
    }

    /** Forgets the removal: the member is about to join again as a new member. */
    public static void clear(DataDir state) {
        state.delete(FILE);
    }
}
