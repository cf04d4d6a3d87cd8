/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import io.netty.util.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedEtcdLifecycleTest {

    private static final ByteSequence KEY = bytes("greeting");
    private static final ByteSequence VALUE = bytes("hello");

    @TempDir
    Path dir;

    /** etcd then never logs that it serves clients: readiness rests on /health alone. */
    @Test
    void startsWithEtcdLoggingOnlyErrors() {
        EmbeddedEtcd etcd = EmbeddedEtcd.builder()
                .config(TestNodes.config("quiet", dir.resolve("quiet")).logLevel("error").build()).build();

        try (EmbeddedEtcd running = etcd.start()) {
            assertThat(running.isRunning()).isTrue();
        }
    }

    /** The call the README and the issue tracker promise, word for word. */
    @Test
    void startsFromAConfigFileInOneCall() throws Exception {
        Path path = Files.writeString(dir.resolve("config.yaml"), """
                name: from-file
                data-dir: %s
                listen-client-urls: http://127.0.0.1:%d
                listen-peer-urls: http://127.0.0.1:%d
                heartbeat-interval: 10
                election-timeout: 100
                """.formatted(dir.resolve("from-file"), FreePorts.next(), FreePorts.next()));

        try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(path).start()) {
            etcd.client().getKVClient().put(KEY, VALUE).get(5, TimeUnit.SECONDS);
            assertThat(etcd.name()).isEqualTo("from-file");
            assertThat(etcd.isLeader()).isTrue();
        }
    }

    @Test
    void keepsDataAcrossARestartOnTheSameDataDir() throws Exception {
        EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(TestNodes.config("node-1", dir.resolve("data")).build()).build();

        try (EmbeddedEtcd running = etcd.start()) {
            running.client().getKVClient().put(KEY, VALUE).get(5, TimeUnit.SECONDS);
            assertThat(running.isRunning()).isTrue();
        }
        assertThat(etcd.isRunning()).isFalse();
        assertThat(Files.exists(dir.resolve("data/member/wal"))).isTrue();

        try (EmbeddedEtcd restarted = etcd.start()) {
            GetResponse response = restarted.client().getKVClient().get(KEY).get(5, TimeUnit.SECONDS);
            assertThat(response.getKvs()).singleElement()
                    .satisfies(kv -> assertThat(kv.getValue()).isEqualTo(VALUE));
        }
    }

    @Test
    void refusesASecondStartAndToleratesRepeatedClose() {
        EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(TestNodes.config("node-1", dir.resolve("data")).build()).build();
        try (EmbeddedEtcd running = etcd.start()) {
            assertThatThrownBy(running::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'node-1' is already running");
        }
        etcd.close();
        assertThatThrownBy(etcd::client).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call start() first");
    }

    @Test
    void aSecondMemberOnTheSameDataDirIsRefused() {
        Path data = dir.resolve("data");
        try (EmbeddedEtcd first = EmbeddedEtcd.builder().config(TestNodes.config("node-1", data).build()).build().start()) {
            EmbeddedEtcd second = EmbeddedEtcd.builder().config(TestNodes.config("node-1", data).build()).build();
            assertThatThrownBy(second::start).isInstanceOf(EmbeddedEtcdException.class)
                    .hasMessageContaining("Data dir " + data)
                    .hasMessageContaining("already used by another running member in this JVM");
            assertThat(first.isRunning()).isTrue();
        }
    }

    /** jetcd 0.8.6 mixes Netty 4.1 (grpc-netty) and 4.2 (Vert.x): the root POM must align them. */
    @Test
    void nettyModulesOnTheClasspathShareOneVersion() {
        Set<String> versions = Version.identify().values().stream()
                .map(Version::artifactVersion).collect(Collectors.toSet());
        assertThat(versions).hasSize(1);
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
