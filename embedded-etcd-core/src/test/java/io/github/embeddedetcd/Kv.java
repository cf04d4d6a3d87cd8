/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Writes and reads of tests, each within {@link Waits#CALL}. */
public final class Kv {

    private Kv() {
    }

    /** Puts the key (value "v") and returns the revision etcd acknowledged it at. */
    public static long put(Client client, String key) throws Exception {
        return client.getKVClient().put(bytes(key), bytes("v")).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS)
                .getHeader().getRevision();
    }

    /** The keys under this prefix, in key order. */
    public static List<String> keys(Client client, String prefix) throws Exception {
        return keys(client, GetOption.builder().isPrefix(true), prefix);
    }

    /** The same, as the member the client is connected to has applied them (a serializable read). */
    public static List<String> localKeys(Client client, String prefix) throws Exception {
        return keys(client, GetOption.builder().isPrefix(true).withSerializable(true), prefix);
    }

    private static List<String> keys(Client client, GetOption.Builder option, String prefix) throws Exception {
        return client.getKVClient().get(bytes(prefix), option.build())
                .get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS).getKvs().stream()
                .map(kv -> kv.getKey().toString(StandardCharsets.UTF_8)).toList();
    }

    public static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
