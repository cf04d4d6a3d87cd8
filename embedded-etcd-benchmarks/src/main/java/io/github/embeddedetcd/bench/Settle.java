/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A quiet machine before each measured start: the disk flushed and a moment of rest, so that one
 * run's teardown (etcd's last writes, a deleted data dir, a JVM exiting) does not slow the next.
 */
final class Settle {

    private static final long REST_MILLIS = 200;
    private static final long SYNC_TIMEOUT_SECONDS = 30;

    private Settle() {
    }

    static void now() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!sync.waitFor(SYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            sync.destroyForcibly();
        }
        Thread.sleep(REST_MILLIS);
    }

    /** Settles after a run, passing its measurement through. */
    static double after(double measured) throws IOException, InterruptedException {
        now();
        return measured;
    }
}
