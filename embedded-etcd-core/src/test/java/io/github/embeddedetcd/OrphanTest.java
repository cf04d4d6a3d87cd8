/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.internal.datadir.ProcessStates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A JVM killed with SIGKILL runs no shutdown hook: its etcd child must still go away. */
class OrphanTest {

    @TempDir
    Path dir;

    @Test
    void etcdExitsWhenItsJvmIsKilledAndTheDataDirCanBeReused() throws Exception {
        Path data = dir.resolve("data");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanChildMain.class.getName(), data.toString())
                .redirectErrorStream(true)
                .start();
        try {
            long etcdPid = readEtcdPid(child);
            ProcessHandle etcd = ProcessHandle.of(etcdPid).orElseThrow();
            assertThat(etcd.isAlive()).isTrue();

            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            // ended: the kernel killed it with the JVM; pid 1 reaps it when it gets round to it (this CI's reaper
            // took up to 1.5 s), and until then ProcessHandle reports the zombie alive
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !ProcessStates.isRunning(etcd));
        } finally {
            child.destroyForcibly();
        }

        try (EmbeddedEtcd again = EmbeddedEtcd.builder().config(TestNodes.config("orphan", data).build()).build().start()) {
            assertThat(again.isRunning()).isTrue();
        }
    }

    /** Linux's parent-death signal follows the thread that spawned a child: a starting thread may end. */
    @Test
    void etcdOutlivesTheThreadThatStartedIt() throws Exception {
        EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(TestNodes.config("thread", dir.resolve("thread")).build()).build();
        Thread starter = new Thread(etcd::start, "short-lived-starter");
        starter.start();
        starter.join(TimeUnit.SECONDS.toMillis(60));
        try (etcd) {
            assertThat(starter.isAlive()).isFalse();
            ProcessHandle process = ProcessHandle.of(etcd.pid()).orElseThrow();

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(process::isAlive);
            assertThat(etcd.isRunning()).isTrue();
        }
    }

    private static long readEtcdPid(Process child) throws Exception {
        CompletableFuture<Long> pid = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("READY ")) {
                        return Long.parseLong(line.substring(6).trim());
                    }
                }
                throw new IllegalStateException("child JVM ended without starting etcd");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return pid.get(60, TimeUnit.SECONDS);
    }
}
