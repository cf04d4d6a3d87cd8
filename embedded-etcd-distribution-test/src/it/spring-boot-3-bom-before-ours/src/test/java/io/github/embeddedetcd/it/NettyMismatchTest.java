/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.it;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring Boot 3.5's BOM, imported first, pins Netty 4.1: jetcd cannot run on it. Instead of jetcd's
 * NoClassDefFoundError at the first call, the library refuses the client and names the fix.
 */
class NettyMismatchTest {

    @TempDir
    Path dir;

    @Test
    void theClientIsRefusedWithTheNettyVersionsFoundAndTheFix() throws Exception {
        Path config = Files.writeString(dir.resolve("etcd.yaml"), "name: netty-4-1\ndata-dir: " + dir.resolve("data")
                + "\nlisten-client-urls: http://127.0.0.1:" + FreePorts.next()
                + "\nlisten-peer-urls: http://127.0.0.1:" + FreePorts.next() + "\n");
        try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(config).start()) {
            assertThat(etcd.isLeader()).isTrue();
            assertThatThrownBy(etcd::client)
                    .isInstanceOf(EmbeddedEtcdException.class)
                    .hasMessageStartingWith("jetcd needs Netty 4.2, but this classpath has Netty 4.1.")
                    .hasMessageContaining("netty-common")
                    .hasMessageContaining("import io.github.embeddedetcd:embedded-etcd-bom before any other BOM");
        }
    }
}
