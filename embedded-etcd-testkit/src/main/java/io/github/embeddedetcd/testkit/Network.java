/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

/** Where the nodes of a test cluster live. */
public enum Network {
    /** Distinct free ports on 127.0.0.1; needs no privileges. The default. */
    LOOPBACK,
    /**
     * One Linux network namespace per node, each with its own address in 198.18.0.0/15 on a bridge
     * and etcd's usual ports 2379/2380, like separate hosts. Needs root or CAP_NET_ADMIN; adds
     * partitions, delay and loss.
     */
    NAMESPACES
}
