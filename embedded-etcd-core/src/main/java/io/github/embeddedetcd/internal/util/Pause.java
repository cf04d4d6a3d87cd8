/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.util;

import io.github.embeddedetcd.EmbeddedEtcdException;

import java.time.Duration;

/** A bounded pause inside a retry loop; an interrupt ends the loop with an exception that says what stopped. */
public final class Pause {

    private Pause() {
    }

    /** Sleeps, or throws when interrupted (keeping the interrupt flag). */
    public static void sleep(Duration pause, String during) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedEtcdException("Interrupted while " + during, e);
        }
    }
}
