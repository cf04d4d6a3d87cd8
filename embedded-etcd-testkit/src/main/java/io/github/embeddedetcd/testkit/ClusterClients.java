/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.Credentials;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The jetcd clients a test cluster hands out: built on first use, closed with the cluster. */
final class ClusterClients implements AutoCloseable {

    private final Duration callTimeout;
    private final Supplier<List<URI>> allEndpoints;
    private ClientTls tls = ClientTls.NONE;
    private Credentials credentials;
    private Client whole;
    private final Map<TestNode, Client> perNode = new HashMap<>();

    ClusterClients(Duration callTimeout, Supplier<List<URI>> allEndpoints) {
        this.callTimeout = callTimeout;
        this.allEndpoints = allEndpoints;
    }

    synchronized Client whole() {
        if (whole == null) {
            List<URI> endpoints = allEndpoints.get();
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("the test cluster has no nodes: start() it first");
            }
            whole = admin(endpoints).newClient();
        }
        return whole;
    }

    synchronized Client of(TestNode node) {
        return perNode.computeIfAbsent(node, n -> admin(List.of(n.clientEndpoint())).newClient());
    }

    /** Closes the client of a node that left the cluster. */
    synchronized void forget(TestNode node) {
        Client client = perNode.remove(node);
        if (client != null) {
            client.close();
        }
    }

    /** How clients reach the cluster: its TLS and its user (set when the cluster starts). */
    synchronized void access(ClientTls clientTls, Credentials user) {
        this.tls = clientTls;
        this.credentials = user;
    }

    synchronized EtcdAdmin admin(List<URI> endpoints) {
        EtcdAdmin.Builder admin = EtcdAdmin.builder().endpoints(endpoints).requestTimeout(callTimeout).tls(tls);
        if (credentials != null) {
            admin.credentials(credentials);
        }
        return admin.build();
    }

    @Override
    public synchronized void close() {
        if (whole != null) {
            whole.close();
            whole = null;
        }
        perNode.values().forEach(Client::close);
        perNode.clear();
    }
}
