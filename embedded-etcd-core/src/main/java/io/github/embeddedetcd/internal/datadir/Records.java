/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.embeddedetcd.EmbeddedEtcdException;

import java.util.Optional;

/** JSON records the library keeps in {@code <data-dir>/embedded-etcd/}. */
final class Records {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Records() {
    }

    static <T> Optional<T> load(DataDir state, String file, Class<T> type) {
        return state.read(file).map(text -> {
            try {
                return JSON.readValue(text, type);
            } catch (JsonProcessingException e) {
                throw new EmbeddedEtcdException("Cannot read " + state.stateDir().resolve(file) + ": "
                        + e.getOriginalMessage() + ". The file is written by embedded-etcd; if it was edited by hand, "
                        + "restore it or delete it (the member then starts as if it had not joined).", e);
            }
        });
    }

    static void save(DataDir state, String file, Object record) {
        try {
            state.write(file, JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + record, e);
        }
    }
}
