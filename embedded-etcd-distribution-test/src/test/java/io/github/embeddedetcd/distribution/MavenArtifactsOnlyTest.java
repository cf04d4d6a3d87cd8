/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.distribution;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user gets from the artifacts alone: this JVM has no etcd on PATH and no ETCD_BINARY. */
class MavenArtifactsOnlyTest {

    @TempDir
    Path dir;

    @Test
    void theBinariesJarProvidesEtcd() {
        assertThat(Path.of(System.getenv("PATH")).resolve("etcd")).doesNotExist();
        EtcdBinary binary = EtcdBinary.locate();
        assertThat(binary.path()).startsWith(Path.of(System.getenv("EMBEDDED_ETCD_CACHE")));
        assertThat(binary.version().toString()).startsWith("3.5.");
    }

    @Test
    void aMemberStartsFromItsConfigFile() throws Exception {
        int client = FreePorts.next();
        int peer = FreePorts.next();
        Path config = Files.writeString(dir.resolve("etcd.yaml"), String.join("\n",
                "name: downstream",
                "data-dir: " + dir.resolve("data"),
                "listen-client-urls: http://127.0.0.1:" + client,
                "listen-peer-urls: http://127.0.0.1:" + peer,
                ""));
        try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(config).start()) {
            put(etcd.client(), "from", "a config file");
            assertThat(etcd.isLeader()).isTrue();
        }
    }

    @Test
    void aThreeNodeTestClusterStarts() throws Exception {
        try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(3).start()) {
            put(cluster.client(), "from", "the testkit");
            assertThat(cluster.leader()).isNotNull();
        }
    }

    private static void put(Client client, String key, String value) throws Exception {
        ByteSequence k = ByteSequence.from(key, StandardCharsets.UTF_8);
        client.getKVClient().put(k, ByteSequence.from(value, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        assertThat(client.getKVClient().get(k).get(10, TimeUnit.SECONDS).getKvs().get(0).getValue()
                .toString(StandardCharsets.UTF_8)).isEqualTo(value);
    }
}
