package io.github.embeddedetcd.testkit.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Nodes on 127.0.0.1 with distinct free ports. Ports handed out in this JVM are not handed out
 * again soon, so concurrent clusters do not collide; a race with another process is left to the
 * caller's retry.
 */
public final class LoopbackNetwork implements NodeNetwork {

    private static final int REMEMBERED_PORTS = 4096;
    private static final Set<Integer> RECENT = Collections.synchronizedSet(new LinkedHashSet<>());

    @Override
    public NodeAddress address(int index) {
        int client = freePort();
        int peer = freePort();
        return new NodeAddress("127.0.0.1", URI.create("http://127.0.0.1:" + client),
                URI.create("http://127.0.0.1:" + peer), List.of());
    }

    /** A free port on 127.0.0.1 that this JVM has not handed out recently. */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
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

    @Override
    public void close() {
        // nothing to tear down
    }
}
