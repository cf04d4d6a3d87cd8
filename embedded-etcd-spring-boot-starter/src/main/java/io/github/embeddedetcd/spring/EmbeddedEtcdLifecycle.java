/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.EmbeddedEtcd;
import org.springframework.context.SmartLifecycle;


/**
 * Runs the member with the application context. The auto-configured member is started (or joined,
 * with {@code embedded.etcd.join-endpoints}) as its bean is created, so that other beans can use
 * the {@code Client} while they are created; this lifecycle starts one the application brings
 * itself, and stops the member in the last lifecycle phase, after every {@link SmartLifecycle}
 * bean of a higher phase (web server, message listeners, lock holders) has stopped. A leader
 * hands leadership to another member before it stops.
 */
public class EmbeddedEtcdLifecycle implements SmartLifecycle {

    /** Starts before and stops after every lifecycle of a higher phase, which is nearly all of them. */
    public static final int PHASE = Integer.MIN_VALUE + 1000;

    private final EmbeddedEtcd etcd;

    public EmbeddedEtcdLifecycle(EmbeddedEtcd etcd) {
        this.etcd = etcd;
    }

    @Override
    public void start() {
        launch(etcd);
    }

    /** Starts the member unless it runs: a new cluster, a restart from its data dir, or a join. */
    static void launch(EmbeddedEtcd etcd) {
        if (etcd.isRunning()) {
            return;
        }
        etcd.start(); // joins through embedded.etcd.join-endpoints or peer-endpoints, and awaits the promotion
    }

    @Override
    public void stop() {
        etcd.close();
    }

    @Override
    public boolean isRunning() {
        return etcd.isRunning();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
