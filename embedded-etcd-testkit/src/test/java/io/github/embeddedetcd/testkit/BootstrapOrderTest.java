/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import com.sun.net.httpserver.HttpServer;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.testkit.internal.network.NodeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The order of a new cluster's start, with stand-ins for etcd: no process is started here. */
class BootstrapOrderTest {

    @TempDir
    Path dir;

    @Test
    void theNodeAskedFirstStartsAloneUntilItsPeerPortAnswers() throws Exception {
        int askedFirstPort = FreePorts.next();
        // etcd sorts peer URLs as strings; a port from FreePorts (below 32768) sorts before 65534 and 65535
        TestNode askedFirst = node(1, askedFirstPort);
        List<TestNode> nodes = List.of(node(0, 65535), askedFirst, node(2, 65534));
        HttpServer peerPort = HttpServer.create();
        List<String> started = new CopyOnWriteArrayList<>();
        Map<String, Boolean> peerPortServedAtStart = new ConcurrentHashMap<>();
        AtomicBoolean serving = new AtomicBoolean();

        List<CompletableFuture<Void>> futures = BootstrapOrder.start(nodes, Duration.ofSeconds(10), node -> {
            started.add(node.name());
            peerPortServedAtStart.put(node.name(), serving.get());
            if (node == askedFirst) {
                CompletableFuture.runAsync(() -> serveLater(peerPort, askedFirstPort, serving));
            }
            return new CompletableFuture<>();
        });
        peerPort.stop(0);

        assertThat(futures).hasSize(3);
        assertThat(started).hasSize(3).first().isEqualTo(askedFirst.name());
        assertThat(peerPortServedAtStart).containsExactlyInAnyOrderEntriesOf(
                Map.of("node-1", false, "node-0", true, "node-2", true));
    }

    private TestNode node(int index, int peerPort) {
        URI peer = URI.create("http://127.0.0.1:" + peerPort);
        EtcdConfig config = EtcdConfig.builder().name("node-" + index).dataDir(dir.resolve("n" + index))
                .clientUrl(URI.create("http://127.0.0.1:1")).peerUrl(peer).build();
        return new TestNode(index, new NodeAddress("127.0.0.1", config.advertiseClientUrls().get(0), peer, List.of()),
                EmbeddedEtcd.builder().config(config).build());
    }

    private static void serveLater(HttpServer server, int port, AtomicBoolean serving) {
        try {
            Thread.sleep(300);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.createContext("/members", exchange -> {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            serving.set(true);
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
