/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** The watchdog used where the kernel cannot end children with the JVM (no setpriv). */
class OrphanGuardTest {

    @Test
    void endsTheWatchedProcessWhenTheJvmsPipeCloses() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            OrphanGuard guard = OrphanGuard.watch(child.toHandle()).orElseThrow();

            guard.simulateJvmDeath();

            await().atMost(Duration.ofSeconds(3)).until(() -> !child.isAlive());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aDismissedWatchdogLeavesTheProcessAlone() throws Exception {
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            OrphanGuard guard = OrphanGuard.watch(child.toHandle()).orElseThrow();
            guard.dismiss();
            try {
                guard.simulateJvmDeath();
            } catch (java.io.IOException alreadyClosed) {
                // the dismissed watchdog's pipe may be closed already: that is the point
            }

            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(child::isAlive);
        } finally {
            child.destroyForcibly();
        }
    }
}
