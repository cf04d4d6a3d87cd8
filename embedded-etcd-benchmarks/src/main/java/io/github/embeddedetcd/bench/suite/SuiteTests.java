/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench.suite;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The three tests of every class of the suite benchmark: small writes and reads through the
 * cluster's client, as a typical test class of an application makes. Each fails its run when
 * etcd does not answer as expected, so a broken cluster cannot pass for a fast one.
 */
public abstract class SuiteTests {

    private static final long TIMEOUT_SECONDS = 10;

    @Test
    void writesAndReadsAKey(Client client) throws Exception {
        KV kv = client.getKVClient();
        kv.put(bytes("order/1"), bytes("placed")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        expect(kv.get(bytes("order/1")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getCount() == 1, "order/1 was not read back");
    }

    @Test
    void overwritesAKey(Client client) throws Exception {
        KV kv = client.getKVClient();
        kv.put(bytes("order/2"), bytes("placed")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        kv.put(bytes("order/2"), bytes("shipped")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String value = kv.get(bytes("order/2")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getKvs().get(0).getValue()
                .toString(StandardCharsets.UTF_8);
        expect(value.equals("shipped"), "order/2 is '" + value + "', not 'shipped'");
    }

    @Test
    void deletesAKey(Client client) throws Exception {
        KV kv = client.getKVClient();
        kv.put(bytes("order/3"), bytes("placed")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        kv.delete(bytes("order/3")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        expect(kv.get(bytes("order/3")).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getCount() == 0, "order/3 is still there");
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
