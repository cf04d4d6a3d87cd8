/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.config.EtcdConfig;

import java.net.URI;
import java.util.List;

/**
 * What {@code embedded.peer-endpoints} means for one member: the list is the same on every member
 * (a StatefulSet gives each pod the same pod names), so a member finds itself in it by its own
 * advertised client URL. The first one listed may bootstrap; every other one joins through the rest.
 */
public final class PeerList {

    private PeerList() {
    }

    /**
     * The client URLs a fresh member joins through: {@code embedded.join-endpoints} when set, else the
     * other peer endpoints, except for the first peer, which bootstraps unless it finds a cluster.
     */
    public static List<URI> joinVia(EtcdConfig config) {
        if (!config.joinEndpoints().isEmpty()) {
            return config.joinEndpoints();
        }
        return isFirst(config) ? List.of() : others(config);
    }

    /** Whether this member is the first of {@code embedded.peer-endpoints}. */
    private static boolean isFirst(EtcdConfig config) {
        List<URI> peers = config.peerEndpoints();
        return !peers.isEmpty() && isOwn(config, peers.get(0));
    }

    /** The peer endpoints that are not this member's own client URLs. */
    public static List<URI> others(EtcdConfig config) {
        return config.peerEndpoints().stream().filter(url -> !isOwn(config, url)).toList();
    }

    private static boolean isOwn(EtcdConfig config, URI url) {
        return config.advertiseClientUrls().stream().anyMatch(own -> withoutSlash(own).equals(withoutSlash(url)));
    }

    private static String withoutSlash(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
