/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.config.EtcdConfig;

import java.net.URI;
import java.nio.file.Path;

/** Single-member test configs on free loopback ports with fast raft timings. */
public final class TestNodes {

    public static final int HEARTBEAT_MILLIS = 10;
    public static final int ELECTION_MILLIS = 100;

    private TestNodes() {
    }

    /** A config for a one-member cluster named {@code name} with its data in {@code dataDir}. */
    public static EtcdConfig.Builder config(String name, Path dataDir) {
        return config(name, dataDir, FreePorts.next(), FreePorts.next());
    }

    public static EtcdConfig.Builder config(String name, Path dataDir, int clientPort, int peerPort) {
        return EtcdConfig.builder()
                .name(name)
                .dataDir(dataDir)
                .clientUrl(URI.create("http://127.0.0.1:" + clientPort))
                .peerUrl(URI.create("http://127.0.0.1:" + peerPort))
                .heartbeatIntervalMillis(HEARTBEAT_MILLIS)
                .electionTimeoutMillis(ELECTION_MILLIS);
    }
}
