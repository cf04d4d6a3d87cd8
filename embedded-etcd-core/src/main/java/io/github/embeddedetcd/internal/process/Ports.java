/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.config.EtcdConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;

/** Checks that a member's listen ports are free before etcd tries them, so the error can name the port. */
final class Ports {

    private Ports() {
    }

    private static boolean isInUse(IOException e) {
        return e instanceof java.net.BindException && String.valueOf(e.getMessage()).contains("in use");
    }

    static void requireFree(EtcdConfig config) {
        check(config, "listen-client-urls", config.listenClientUrls());
        check(config, "listen-peer-urls", config.listenPeerUrls());
    }

    private static void check(EtcdConfig config, String key, List<URI> urls) {
        for (URI url : urls) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(url.getHost(), url.getPort()));
            } catch (IOException e) {
                if (!isInUse(e)) {
                    continue; // e.g. an address of another network namespace: etcd itself will tell
                }
                throw new EmbeddedEtcdException("Cannot start etcd member '" + config.name() + "': port " + url.getPort()
                        + " on " + url.getHost() + " (" + key + ": " + url + ") is not available: " + e.getMessage()
                        + ". Stop whatever listens there (ss -ltnp 'sport = :" + url.getPort()
                        + "') or choose another port.");
            }
        }
    }
}
