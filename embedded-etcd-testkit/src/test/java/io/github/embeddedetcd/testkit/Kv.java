/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Key-value calls for tests, each with a deadline. */
public final class Kv {

    private Kv() {
    }

    public static void put(Client client, String key, String value) throws Exception {
        client.getKVClient().put(bytes(key), bytes(value)).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static Optional<String> get(Client client, String key) throws Exception {
        return value(client.getKVClient().get(bytes(key)).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** A read served by the node itself, without asking the leader (works on any member). */
    public static Optional<String> localGet(Client client, String key) throws Exception {
        return value(client.getKVClient().get(bytes(key), GetOption.builder().withSerializable(true).build())
                .get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Every key and value as this node alone has them. */
    public static Map<String, String> localContents(Client client) throws Exception {
        Map<String, String> contents = new TreeMap<>();
        client.getKVClient().get(bytes("\0"), GetOption.builder().withSerializable(true).withRange(bytes("\0")).build())
                .get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS).getKvs().forEach(kv -> contents.put(kv.getKey().toString(StandardCharsets.UTF_8),
                        kv.getValue().toString(StandardCharsets.UTF_8)));
        return contents;
    }

    public static long localRevision(Client client) throws Exception {
        return client.getKVClient().get(bytes("\0"), GetOption.builder().withSerializable(true).build())
                .get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS).getHeader().getRevision();
    }

    private static Optional<String> value(GetResponse response) {
        return response.getKvs().stream().findFirst().map(kv -> kv.getValue().toString(StandardCharsets.UTF_8));
    }

    public static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
