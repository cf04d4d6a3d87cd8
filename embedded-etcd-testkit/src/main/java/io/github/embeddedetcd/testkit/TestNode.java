/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.testkit.internal.network.Commands;
import io.github.embeddedetcd.testkit.internal.network.NodeAddress;

import java.net.URI;
import java.nio.file.Path;

/** One node of an {@link EtcdTestCluster}; act on it through the cluster ({@code cluster.kill(node)}). */
public final class TestNode {

    private final int index;
    private final NodeAddress address;
    private final EmbeddedEtcd member;
    private volatile boolean paused;

    TestNode(int index, NodeAddress address, EmbeddedEtcd member) {
        this.index = index;
        this.address = address;
        this.member = member;
    }

    /** The node's number in its cluster, from 0. */
    public int index() {
        return index;
    }

    /** The etcd member name: the cluster's node name prefix and the index ({@code node-0} by default). */
    public String name() {
        return member.name();
    }

    /** The node's address: 127.0.0.1 on loopback, its own 198.18.x.y in namespaces. */
    public String host() {
        return address.host();
    }

    /** The node's client URL (https in a TLS cluster). */
    public URI clientEndpoint() {
        return member.clientEndpoints().get(0);
    }

    /** The node's peer URL (https in a TLS cluster). */
    public URI peerEndpoint() {
        return member.config().initialAdvertisePeerUrls().get(0);
    }

    public Path dataDir() {
        return member.config().dataDir();
    }

    /** The member itself, for anything the cluster handle does not offer. */
    public EmbeddedEtcd member() {
        return member;
    }

    /** Whether etcd runs (a paused node runs). */
    public boolean isRunning() {
        return member.isRunning();
    }

    /** Whether the node is stopped with SIGSTOP. */
    public boolean isPaused() {
        return paused;
    }

    /** The same node (index, address) run by another member, e.g. one with a setting changed. */
    TestNode withMember(EmbeddedEtcd other) {
        return new TestNode(index, address, other);
    }

    void paused(boolean value) {
        paused = value;
    }

    /** Sends the signal ({@code STOP}, {@code CONT}) to the node's etcd. */
    void signal(String signal) {
        Commands.run("kill", "-s", signal, Long.toString(member.pid()));
    }

    @Override
    public String toString() {
        return name() + "@" + address.host() + (paused ? " (paused)" : isRunning() ? "" : " (stopped)");
    }
}
