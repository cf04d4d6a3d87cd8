/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A member added to a cluster as a learner but not started yet ({@link EmbeddedEtcd#register}):
 * the next {@link EmbeddedEtcd#start()} starts it as this member.
 *
 * @param memberId       the id etcd gave the new member
 * @param initialCluster member name to peer URLs, as etcd's {@code initial-cluster} for this start
 * @param endpoints      the client URLs the member joined through
 */
public record JoinRegistration(long memberId, Map<String, List<URI>> initialCluster, List<URI> endpoints) {

    public JoinRegistration {
        initialCluster = Map.copyOf(initialCluster);
        endpoints = List.copyOf(endpoints);
    }

    /** The member id as 16 hex digits, as etcdctl prints it. */
    public String memberIdHex() {
        return String.format("%016x", memberId);
    }

    /** {@code initial-cluster} in etcd's {@code name=url,name=url} form. */
    public String initialClusterFlag() {
        return initialCluster.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream().map(u -> e.getKey() + "=" + u))
                .collect(Collectors.joining(","));
    }
}
