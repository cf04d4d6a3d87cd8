/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.internal.process.EtcdProcess;

/**
 * Lets {@link EmbeddedEtcd#close()} cut a start short: join retries stop, a starting etcd gets
 * SIGKILL. Never blocks: the starting thread sees etcd die and unwinds by itself.
 */
final class Cancellation {

    private volatile boolean requested;
    private EtcdProcess process;

    boolean isRequested() {
        return requested;
    }

    void attach(EtcdProcess starting) {
        boolean kill;
        synchronized (this) {
            process = starting;
            kill = requested;
        }
        if (kill) {
            starting.sendKill();
        }
    }

    void cancel() {
        EtcdProcess starting;
        synchronized (this) {
            requested = true;
            starting = process;
        }
        if (starting != null) {
            starting.sendKill();
        }
    }
}
