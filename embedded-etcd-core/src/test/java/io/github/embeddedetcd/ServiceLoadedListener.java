/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Registered in META-INF/services: hears every member of the test JVM that does not opt out. */
public final class ServiceLoadedListener implements MembershipListener {

    static final List<String> LEADERS = new CopyOnWriteArrayList<>();

    @Override
    public void leaderChanged(Member leader) {
        LEADERS.add(leader.name());
    }
}
