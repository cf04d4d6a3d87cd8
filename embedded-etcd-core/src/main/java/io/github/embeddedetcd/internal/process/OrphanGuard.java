/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Ends an etcd child when this JVM dies, even by SIGKILL (when no shutdown hook runs), where
 * {@link ChildLauncher} cannot have the kernel do it (no {@code setpriv}). A tiny {@code sh}
 * watchdog reads a pipe from this JVM; the kernel closes that pipe when the JVM dies, and the
 * watchdog then sends etcd SIGTERM and, if it is still there after a second, SIGKILL.
 */
final class OrphanGuard {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanGuard.class);

    private static final String SCRIPT = """
            while read -r _; do :; done
            kill -TERM "$1" 2>/dev/null || exit 0
            i=0
            while [ $i -lt 10 ]; do
              kill -0 "$1" 2>/dev/null || exit 0
              sleep 0.1
              i=$((i+1))
            done
            kill -KILL "$1" 2>/dev/null
            """;

    /** Spawns watchdogs on a daemon thread of their own. */
    static final Executor SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "embedded-etcd-watchdog-spawner");
        t.setDaemon(true);
        return t;
    });

    private final Process watchdog;

    private OrphanGuard(Process watchdog) {
        this.watchdog = watchdog;
    }

    /** Starts a watchdog for the given process; empty (with a warning) where no {@code sh} can be run. */
    static Optional<OrphanGuard> watch(ProcessHandle etcd) {
        try {
            Process watchdog = new ProcessBuilder(ChildLauncher.detached(
                    List.of("sh", "-c", SCRIPT, "embedded-etcd-watchdog", Long.toString(etcd.pid()))))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return Optional.of(new OrphanGuard(watchdog));
        } catch (IOException e) {
            LOG.warn("Cannot start the orphan watchdog (sh): etcd pid {} would outlive a killed JVM: {}",
                    etcd.pid(), e.toString());
            return Optional.empty();
        }
    }

    /** Closes the watchdog's pipe, as this JVM's death would (for tests). */
    void simulateJvmDeath() throws IOException {
        watchdog.getOutputStream().close();
    }

    /** Stands the watchdog down without touching etcd (call before stopping etcd on purpose). */
    void dismiss() {
        watchdog.destroyForcibly();
    }
}
