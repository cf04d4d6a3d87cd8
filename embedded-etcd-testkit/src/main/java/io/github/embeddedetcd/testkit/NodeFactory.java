/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.testkit.internal.network.NodeAddress;
import io.github.embeddedetcd.testkit.internal.network.NodeNetwork;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/** Makes a test cluster's nodes: each member's settings from the cluster's, its address, TLS and data root. */
final class NodeFactory {

    /** Short, so that a test hitting a dead node fails fast rather than waiting on etcd's 5 s default. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterSettings settings;
    private final String clusterName;
    private final NodeNetwork network;
    private final Security security;
    private final Path dataRoot;

    NodeFactory(ClusterSettings settings, String clusterName, NodeNetwork network, Security security, Path dataRoot) {
        this.settings = settings;
        this.clusterName = clusterName;
        this.network = network;
        this.security = security;
        this.dataRoot = dataRoot;
    }

    /**
     * The nodes a new cluster bootstraps with, not started: each knows all of them as its initial
     * cluster. Each call takes fresh addresses (new ports on loopback).
     */
    List<TestNode> initialNodes() {
        List<NodeAddress> addresses = IntStream.range(0, settings.nodes()).mapToObj(network::address).toList();
        Map<String, List<URI>> initialCluster = new LinkedHashMap<>();
        for (int i = 0; i < addresses.size(); i++) {
            initialCluster.put(name(i), List.of(security.peerUrl(addresses.get(i).peerUrl())));
        }
        return IntStream.range(0, addresses.size())
                .mapToObj(i -> node(i, addresses.get(i), c -> c.initialCluster(initialCluster))).toList();
    }

    /** Node 0 of a cluster built from a snapshot: it restores it as a one-member cluster. */
    TestNode restoringNode(Path snapshot) {
        NodeAddress address = network.address(0);
        URI peer = security.peerUrl(address.peerUrl());
        return node(0, address, c -> c.initialCluster(Map.of(name(0), List.of(peer))).set(Settings.RESTORE_FROM, snapshot));
    }

    /** A node that joins a running cluster: its initial cluster comes from the join. */
    TestNode joiningNode(int index) {
        return node(index, network.address(index), c -> { });
    }

    private TestNode node(int index, NodeAddress address, Consumer<EtcdConfig.Builder> extra) {
        String name = name(index);
        EtcdConfig.Builder config = EtcdConfig.builder()
                .name(name)
                .dataDir(dataRoot.resolve(name))
                .clientUrl(security.clientUrl(address.clientUrl()))
                .peerUrl(security.peerUrl(address.peerUrl()))
                .initialClusterToken(clusterName)
                .commandPrefix(address.commandPrefix())
                .requestTimeout(CALL_TIMEOUT)
                .stopTimeout(STOP_TIMEOUT);
        if (settings.fastTimings()) {
            config.heartbeatIntervalMillis(settings.heartbeatMillis()).electionTimeoutMillis(settings.electionMillis());
        }
        security.configure(config, name, address.host(), settings.etcdArgs());
        extra.accept(config);
        settings.customizers().forEach(c -> c.accept(config));
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config.build()).serviceLoaderListeners(false).build();
        return new TestNode(index, address, member);
    }

    private String name(int index) {
        return settings.nodeNamePrefix() + index;
    }
}
