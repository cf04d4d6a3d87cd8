/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.network;

import java.net.URI;
import java.util.List;

/**
 * Where one test node listens, and the command prefix that puts etcd there.
 *
 * @param host          the node's address
 * @param clientUrl     its client URL
 * @param peerUrl       its peer URL
 * @param commandPrefix how etcd is run (empty on loopback; {@code ip netns exec NS} in namespaces)
 */
public record NodeAddress(String host, URI clientUrl, URI peerUrl, List<String> commandPrefix) {

    public NodeAddress {
        commandPrefix = List.copyOf(commandPrefix);
    }
}
