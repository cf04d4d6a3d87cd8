/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1 for tests that start their own members. They come from below the
 * kernel's ephemeral range (Linux: {@code /proc/sys/net/ipv4/ip_local_port_range}), where no
 * outgoing connection takes one as its local port between our check and etcd's bind — a port that
 * the kernel picks for {@code bind(0)} comes from that range and can be taken so. A port handed out
 * in this JVM is not handed out again soon, so concurrent clusters do not collide; a race with
 * another process that listens on a port of its choice remains possible, and the test clusters
 * retry it with fresh ports.
 */
public final class FreePorts {

    private static final int REMEMBERED_PORTS = 4096;
    private static final int ATTEMPTS = 1000;
    /** Above the ports that services commonly listen on. */
    private static final int LOWEST = 10_000;
    /** Linux's default start of the ephemeral range, and below other systems' (macOS: 49152). */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int EPHEMERAL_START = ephemeralStart();
    private static final Set<Integer> RECENT = Collections.synchronizedSet(new LinkedHashSet<>());

    private FreePorts() {
    }

    /** A free port on 127.0.0.1, below the ephemeral range, that this JVM has not handed out recently. */
    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, EPHEMERAL_START);
            if (isFree(port)) {
                synchronized (RECENT) {
                    if (RECENT.add(port)) {
                        if (RECENT.size() > REMEMBERED_PORTS) {
                            RECENT.remove(RECENT.iterator().next());
                        }
                        return port;
                    }
                }
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 from " + LOWEST + " to " + (EPHEMERAL_START - 1)
                + " that was not handed out recently, in " + ATTEMPTS + " attempts");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Where the ephemeral range starts; the default when it is unknown or leaves too few ports below. */
    private static int ephemeralStart() {
        try {
            int start = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return start >= LOWEST + REMEMBERED_PORTS ? start : DEFAULT_EPHEMERAL_START;
        } catch (IOException | RuntimeException unknown) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
