/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.network;

import java.time.Duration;
import java.util.List;

/** The network a test cluster's nodes live on; nodes are numbered from 0. */
public interface NodeNetwork extends AutoCloseable {

    /** Gives node {@code index} an address (a fresh one when called again for the same index). */
    NodeAddress address(int index);

    /** Cuts traffic between the groups of nodes (by index); traffic within a group flows. */
    default void partition(List<List<Integer>> groups) {
        throw unsupported("partition");
    }

    /** Ends every partition. */
    default void heal() {
        throw unsupported("heal");
    }

    /** Holds every packet the node receives this long, so round trips with it grow by as much; zero ends it. */
    default void delay(int index, Duration delay) {
        throw unsupported("delay");
    }

    /** Drops this share (0–100) of the packets the node receives; zero ends it. */
    default void loss(int index, double percent) {
        throw unsupported("loss");
    }

    @Override
    void close();

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " needs the NAMESPACES network (@EtcdCluster(network = "
                + "Network.NAMESPACES)): on LOOPBACK all nodes share one network stack.");
    }
}
