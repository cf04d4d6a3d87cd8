/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.config.EtcdConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Single-member test configs on free loopback ports with fast raft timings. */
public final class TestNodes {

    private static final int MAX_ATTEMPTS = 1000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private TestNodes() {
    }

    /** A config for a one-member cluster named {@code name} with its data in {@code dataDir}. */
    public static EtcdConfig.Builder config(String name, Path dataDir) {
        return config(name, dataDir, freePort(), freePort());
    }

    public static EtcdConfig.Builder config(String name, Path dataDir, int clientPort, int peerPort) {
        return EtcdConfig.builder()
                .name(name)
                .dataDir(dataDir)
                .clientUrl(URI.create("http://127.0.0.1:" + clientPort))
                .peerUrl(URI.create("http://127.0.0.1:" + peerPort))
                .heartbeatIntervalMillis(10)
                .electionTimeoutMillis(100);
    }

    /**
     * A loopback port free now that this JVM has not handed out before: sockets opened and closed in
     * turn may get the same ephemeral port, and a member once got one port for its client and peer URLs.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no loopback port that was not handed out already in " + MAX_ATTEMPTS + " attempts");
    }
}
