/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.internal.cluster.EtcdTimings;

import java.time.Duration;

/** The deadlines of the testkit's tests: etcd's timings under the fast raft timings ({@link EtcdTimings}). */
public final class Waits {

    private static final EtcdTimings ETCD = new EtcdTimings(Duration.ofMillis(EtcdTestCluster.FAST_ELECTION_MILLIS));
    public static final Duration CALL = ETCD.call();
    public static final Duration RECOVERY = ETCD.recovery();

    private Waits() {
    }
}
