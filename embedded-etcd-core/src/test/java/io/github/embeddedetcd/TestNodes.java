/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.config.EtcdConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Single-member test configs on free loopback ports with fast raft timings. */
public final class TestNodes {

    private static final int MAX_ATTEMPTS = 1000;
    private static final int LOWEST_PORT = 10_000;
    private static final int EPHEMERAL_START = 32_768;
    private static final AtomicInteger NEXT_PORT =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(EPHEMERAL_START - LOWEST_PORT));

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
     * A loopback port free now that this JVM has not handed out before. Ports are counted upwards
     * from a random start between 10000 and 32767, below Linux's ephemeral range: a port that the
     * kernel picks for {@code bind(0)} comes from that range, where an outgoing connection could take
     * it as its local port before etcd binds it.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int port = LOWEST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), EPHEMERAL_START - LOWEST_PORT);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // listened on by something else: the next one
            }
        }
        throw new IllegalStateException("no free loopback port below " + EPHEMERAL_START + " in " + MAX_ATTEMPTS
                + " attempts");
    }
}
