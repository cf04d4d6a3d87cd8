/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Free TCP ports on 127.0.0.1 for tests that start their own members. A port handed out in this
 * JVM is not handed out again soon, so concurrent clusters do not collide; a race with another
 * process remains possible, and the test clusters retry it with fresh ports.
 */
public final class FreePorts {

    private static final int REMEMBERED_PORTS = 4096;
    private static final int ATTEMPTS = 100;
    private static final Set<Integer> RECENT = Collections.synchronizedSet(new LinkedHashSet<>());

    private FreePorts() {
    }

    /** A free port on 127.0.0.1 that this JVM has not handed out recently. */
    public static int next() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
            }
            synchronized (RECENT) {
                if (RECENT.add(port)) {
                    if (RECENT.size() > REMEMBERED_PORTS) {
                        RECENT.remove(RECENT.iterator().next());
                    }
                    return port;
                }
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 that was not handed out recently");
    }
}
