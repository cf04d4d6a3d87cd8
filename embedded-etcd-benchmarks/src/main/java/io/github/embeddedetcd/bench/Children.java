/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import java.util.concurrent.TimeUnit;

/** The harness's bounded wait for a process it started. */
final class Children {

    private Children() {
    }

    /**
     * Waits at most {@code seconds} for {@code process} to exit; past that, kills it and its own
     * children (a JVM's etcd, a script's JVM) and fails, naming {@code what}.
     */
    static void awaitExit(Process process, long seconds, String what) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            kill(process);
            throw new IllegalStateException(what + " did not exit within " + seconds + " s, so it was killed, with "
                    + "its child processes; run it by hand to see where it hangs");
        }
    }

    /** Kills the process's own children (a JVM's etcd, a script's JVM), then the process. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
