/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The members running in this JVM, stopped by one shutdown hook, leader first (see
 * {@link EmbeddedEtcd#closeAll}), so that a normal JVM exit is quick and orderly.
 */
final class RunningMembers {

    private static final Set<EmbeddedEtcd> RUNNING = new LinkedHashSet<>();
    private static boolean hookInstalled;

    private RunningMembers() {
    }

    static synchronized void add(EmbeddedEtcd member) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(RunningMembers::closeAll, "embedded-etcd-shutdown"));
            hookInstalled = true;
        }
        RUNNING.add(member);
    }

    static synchronized void remove(EmbeddedEtcd member) {
        RUNNING.remove(member);
    }

    static synchronized boolean contains(EmbeddedEtcd member) {
        return RUNNING.contains(member);
    }

    private static void closeAll() {
        List<EmbeddedEtcd> members;
        synchronized (RunningMembers.class) {
            members = new ArrayList<>(RUNNING);
        }
        EmbeddedEtcd.closeAll(members);
    }
}
