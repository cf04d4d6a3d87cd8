/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.jetcd;

import io.github.embeddedetcd.testkit.Waits;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Written the way tests against jetcd-test's {@code EtcdClusterExtension} are: only the import of
 * the extension differs ({@code io.etcd.jetcd.test} → {@code io.github.embeddedetcd.testkit}).
 */
class JetcdTestStyleTest {

    @RegisterExtension
    public static final EtcdClusterExtension cluster = EtcdClusterExtension.builder()
            .withNodes(3)
            .build();

    private static Client client;
    private static KV kvClient;

    @BeforeAll
    static void setUp() {
        client = Client.builder().target("cluster://" + cluster.clusterName()).build();
        kvClient = client.getKVClient();
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    @Test
    void putAndGet() throws Exception {
        ByteSequence key = ByteSequence.from("jetcd-style", StandardCharsets.UTF_8);
        ByteSequence value = ByteSequence.from("works", StandardCharsets.UTF_8);

        kvClient.put(key, value).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(kvClient.get(key).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS).getKvs()).singleElement()
                .satisfies(kv -> assertThat(kv.getValue()).isEqualTo(value));
        assertThat(cluster.peerEndpoints()).hasSize(3);
        assertThat(cluster.clusterName()).startsWith("etcd-test-");
    }
}
