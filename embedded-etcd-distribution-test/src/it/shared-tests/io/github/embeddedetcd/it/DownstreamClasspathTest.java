/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.it;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdBinary;
import io.netty.util.Version;
import io.github.embeddedetcd.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A downstream project whose dependency management is set as its pom says: one Netty line, jetcd works. */
class DownstreamClasspathTest {

    @TempDir
    Path dir;

    @Test
    void everyNettyJarHasTheSameVersion() {
        Map<String, String> versionByJar = new TreeMap<>();
        Version.identify().values().forEach(version -> versionByJar.put(version.artifactId(), version.artifactVersion()));
        assertThat(versionByJar).containsKey("netty-common");
        assertThat(versionByJar.values()).as("Netty versions by jar: %s", versionByJar).containsOnly(versionByJar.get("netty-common"));
        assertThat(versionByJar.get("netty-common")).startsWith("4.2.");
    }

    @Test
    void aMemberFromTheBinariesJarServesJetcd() throws Exception {
        assertThat(EtcdBinary.locate().path()).startsWith(Path.of(System.getenv("EMBEDDED_ETCD_CACHE")));
        Path config = Files.writeString(dir.resolve("etcd.yaml"), "name: downstream\ndata-dir: " + dir.resolve("data")
                + "\nlisten-client-urls: http://127.0.0.1:" + FreePorts.next()
                + "\nlisten-peer-urls: http://127.0.0.1:" + FreePorts.next() + "\n");
        try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(config).start()) {
            KV kv = etcd.client().getKVClient();
            ByteSequence key = ByteSequence.from("classpath", StandardCharsets.UTF_8);
            kv.put(key, ByteSequence.from("aligned", StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            assertThat(kv.get(key).get(10, TimeUnit.SECONDS).getKvs().get(0).getValue().toString(StandardCharsets.UTF_8))
                    .isEqualTo("aligned");
        }
    }
}
