/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import io.github.embeddedetcd.internal.json.Json;

import java.util.Optional;

/**
 * Whose data a data dir holds: recorded once etcd has run on it, so that a config naming another
 * member (a copied or mixed-up data dir) is refused instead of etcd quietly renaming the member.
 */
public record MemberIdentity(String name, String memberId, String clusterId) {

    private static final String FILE = "member.json";

    public static MemberIdentity of(String name, long memberId, long clusterId) {
        return new MemberIdentity(name, String.format("%016x", memberId), String.format("%016x", clusterId));
    }

    public static Optional<MemberIdentity> load(DataDir state) {
        return Records.load(state, FILE, json -> new MemberIdentity(Json.requiredText(json, "name"),
                Json.requiredText(json, "memberId"), Json.requiredText(json, "clusterId")),
                "the member then starts without checking that the data is its own, and records it again");
    }

    public void save(DataDir state) {
        Records.save(state, FILE, Json.object().put("name", name).put("memberId", memberId).put("clusterId", clusterId));
    }
}
