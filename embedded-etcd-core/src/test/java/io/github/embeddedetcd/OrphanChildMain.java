/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.nio.file.Path;

/** Run in a child JVM by {@link OrphanTest}: starts a member, prints its etcd pid, then waits to be killed. */
public final class OrphanChildMain {

    private OrphanChildMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedEtcd etcd = EmbeddedEtcd.builder()
                .config(TestNodes.config("orphan", Path.of(args[0])).build())
                .build()
                .start();
        System.out.println("READY " + etcd.pid());
        System.out.flush();
        Thread.sleep(60_000);
        etcd.close();
    }
}
