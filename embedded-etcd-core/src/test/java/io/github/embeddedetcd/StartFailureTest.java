/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.internal.datadir.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartFailureTest {

    @TempDir
    Path dir;

    @Test
    void etcdExitingAtStartSurfacesItsExitCodeAndLastLines() {
        EmbeddedEtcd etcd = EmbeddedEtcd.builder()
                .config(TestNodes.config("node-1", dir.resolve("data")).extraArgs(List.of("--no-such-flag")).build())
                .build();

        assertThatThrownBy(etcd::start)
                .isInstanceOfSatisfying(EtcdStartException.class, e -> {
                    assertThat(e.exitCode()).hasValue(2);
                    assertThat(e.lastLines()).anySatisfy(line -> assertThat(line).contains("flag provided but not defined: -no-such-flag"));
                })
                .hasMessageContaining("etcd member 'node-1' exited with code 2 before it became ready")
                .hasMessageContaining("Last lines from etcd:");
        assertThat(etcd.isRunning()).isFalse();
    }

    @Test
    void aPortInUseIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            EmbeddedEtcd etcd = EmbeddedEtcd.builder()
                    .config(TestNodes.config("node-1", dir.resolve("data"), port, FreePorts.next()).build())
                    .build();

            assertThatThrownBy(etcd::start)
                    .isInstanceOf(EmbeddedEtcdException.class)
                    .hasMessageContaining("port " + port + " on 127.0.0.1 (listen-client-urls: http://127.0.0.1:" + port + ")")
                    .hasMessageContaining("choose another port");
        }
    }

    @Test
    void aStalePidFromACrashedRunIsTakenOver() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve(DataDir.DIR_NAME));
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.writeString(data.resolve(DataDir.DIR_NAME).resolve("etcd.pid"), finished.pid() + " 2020-01-01T00:00:00Z");

        try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(TestNodes.config("node-1", data).build()).build().start()) {
            assertThat(etcd.isRunning()).isTrue();
        }
    }

    @Test
    void aLiveLeftoverProcessOnTheDataDirIsRefused() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve(DataDir.DIR_NAME));
        Process leftover = new ProcessBuilder("sleep", "30").start();
        try {
            String started = leftover.toHandle().info().startInstant().orElseThrow().toString();
            Files.writeString(data.resolve(DataDir.DIR_NAME).resolve("etcd.pid"), leftover.pid() + " " + started);
            EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(TestNodes.config("node-1", data).build()).build();

            assertThatThrownBy(etcd::start)
                    .hasMessageContaining("Data dir " + data + " is still used by etcd pid " + leftover.pid())
                    .hasMessageContaining("Stop it (kill " + leftover.pid() + ")");
            assertThat(leftover.isAlive()).isTrue();
        } finally {
            leftover.destroyForcibly();
        }
    }

    @Test
    void aMissingBinaryFailsBeforeTouchingTheDataDir() {
        Path data = dir.resolve("data");
        EmbeddedEtcd etcd = EmbeddedEtcd.builder()
                .config(TestNodes.config("node-1", data).build())
                .binary(dir.resolve("no-etcd-here"))
                .build();

        assertThatThrownBy(etcd::start).hasMessageContaining("No etcd binary found");
        assertThat(data).doesNotExist();
    }
}
