/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

/** The faults the soak injects; the last needs the NAMESPACES network. */
enum Fault {
    KILL_LEADER,
    KILL_FOLLOWER,
    PAUSE_LEADER,
    STOP_AND_RESTART,
    REPLACE_MEMBER,
    ISOLATE_LEADER
}
