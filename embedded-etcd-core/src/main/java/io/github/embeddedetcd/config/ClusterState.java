/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

/** etcd's {@code initial-cluster-state}. */
public enum ClusterState {
    /** Bootstrap a new cluster from {@code initial-cluster}. */
    NEW,
    /** Join a cluster that already exists (the member was added beforehand). */
    EXISTING;

    /** The spelling etcd uses on its command line. */
    public String flagValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
