/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServiceLoaderListenerTest {

    @TempDir
    Path dir;

    @Test
    void listenersRegisteredThroughServiceLoaderHearTheMember() {
        try (EmbeddedEtcd etcd = EmbeddedEtcd.builder()
                .config(TestNodes.config("service-loaded", dir.resolve("data")).build()).build().start()) {
            await().atMost(Waits.RECOVERY).until(() -> ServiceLoadedListener.LEADERS.contains("service-loaded"));
            assertThat(etcd.isRunning()).isTrue();
        }
    }

    @Test
    void aMemberCanOptOutOfServiceLoaderListeners() {
        RecordingListener own = new RecordingListener();
        try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().serviceLoaderListeners(false).listener(own)
                .config(TestNodes.config("opted-out", dir.resolve("data")).build()).build().start()) {
            await().atMost(Waits.RECOVERY).until(() -> !own.events().isEmpty());
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                    .until(() -> !ServiceLoadedListener.LEADERS.contains("opted-out"));
            assertThat(etcd.isRunning()).isTrue();
        }
    }
}
