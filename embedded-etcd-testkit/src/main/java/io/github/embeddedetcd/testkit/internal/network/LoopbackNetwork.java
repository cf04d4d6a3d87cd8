/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.network;


import io.github.embeddedetcd.FreePorts;
import java.net.URI;
import java.util.List;

/** Nodes on 127.0.0.1 with distinct free ports (see {@link FreePorts}). */
public final class LoopbackNetwork implements NodeNetwork {

    @Override
    public NodeAddress address(int index) {
        int client = FreePorts.next();
        int peer = FreePorts.next();
        return new NodeAddress("127.0.0.1", URI.create("http://127.0.0.1:" + client),
                URI.create("http://127.0.0.1:" + peer), List.of());
    }

    @Override
    public void close() {
        // nothing to tear down
    }
}
