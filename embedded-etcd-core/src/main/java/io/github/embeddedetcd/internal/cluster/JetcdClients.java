/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.etcd.jetcd.Client;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** jetcd clients as the library hands them out: they never wait for a dead endpoint. */
public final class JetcdClients {

    private JetcdClients() {
    }

    /**
     * A client for these endpoints. jetcd's default {@code waitForReady(true)} has a call wait
     * forever for a dead endpoint; here it fails instead, and connecting is bounded by the timeout.
     */
    public static Client forEndpoints(List<URI> endpoints, Duration connectTimeout) {
        return Client.builder().endpoints(endpoints.toArray(URI[]::new)).waitForReady(false)
                .connectTimeout(connectTimeout).build();
    }
}
