/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * etcd's own record of a key: every value it held and the revision that wrote it, read back version by
 * version with {@code get --rev} (the soak's clusters never compact, so all of them are kept). It tells
 * whether a value was applied once or twice, and where among the others.
 */
final class KeyRevisions {

    private static final long CALL_SECONDS = 10;

    private KeyRevisions() {
    }

    /** "value@revision" for each version of {@code key}, oldest first; at most {@code limit} of the newest. */
    static List<String> of(Client client, String key, int limit) throws Exception {
        List<String> versions = new ArrayList<>();
        long revision = 0; // 0: the newest
        while (versions.size() < limit) {
            GetOption at = GetOption.builder().withRevision(revision).build();
            List<KeyValue> kvs = client.getKVClient().get(Workload.bytes(key), at).get(CALL_SECONDS, TimeUnit.SECONDS).getKvs();
            if (kvs.isEmpty()) {
                break;
            }
            KeyValue kv = kvs.get(0);
            versions.add(kv.getValue().toString(StandardCharsets.UTF_8) + "@" + kv.getModRevision());
            if (kv.getVersion() == 1) {
                break;
            }
            revision = kv.getModRevision() - 1;
        }
        Collections.reverse(versions);
        return versions;
    }
}
