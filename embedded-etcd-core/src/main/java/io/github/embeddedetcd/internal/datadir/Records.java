/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.internal.json.Json;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/** JSON records the library keeps in {@code <data-dir>/embedded-etcd/}, each mapped by its own record type. */
final class Records {

    private Records() {
    }

    /**
     * Reads a record; one that cannot be read (not JSON, a field missing or of the wrong type) is
     * an error naming the file, with {@code ifDeleted} saying what deleting it would do.
     */
    static <T> Optional<T> load(DataDir state, String file, Function<JsonNode, T> fromJson, String ifDeleted) {
        return state.read(file).map(text -> {
            try {
                return fromJson.apply(Json.parse(text));
            } catch (IOException | RuntimeException e) {
                throw new EmbeddedEtcdException("Cannot read " + state.stateDir().resolve(file) + ": " + e.getMessage()
                        + ". The file is written by embedded-etcd; if it was edited by hand, restore it, or delete it: "
                        + ifDeleted + ".", e);
            }
        });
    }

    static void save(DataDir state, String file, JsonNode record) {
        state.write(file, Json.writeIndented(record));
    }
}
