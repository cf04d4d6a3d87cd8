/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.resolver;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * gRPC's resolver for {@code cluster://<clusterName>} targets (jetcd-test's scheme):
 * {@code Client.builder().target("cluster://" + cluster.clusterName())} reaches a running test
 * cluster's nodes. Registered through {@code META-INF/services}.
 */
public final class ClusterNameResolverProvider extends NameResolverProvider {

    /** The target scheme. */
    public static final String SCHEME = "cluster";

    /**
     * Below gRPC's DNS resolver (5): the registry takes the default scheme of targets that have
     * none from its highest-priority provider, and a test JVM's plain {@code host:port} targets
     * must stay DNS ones. The scheme itself has no other provider here (jetcd-test's, at 6, would
     * win it: the two do not belong on one classpath).
     */
    private static final int PRIORITY = 4;

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return PRIORITY;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        if (!SCHEME.equals(targetUri.getScheme())) {
            return null;
        }
        String clusterName = targetUri.getAuthority();
        if (clusterName == null || clusterName.isEmpty()) {
            throw new IllegalArgumentException("Target " + targetUri + " names no cluster: write cluster://<clusterName>, "
                    + "with the name of a running test cluster (clusterName())");
        }
        return new ClusterNameResolver(clusterName, args.getSynchronizationContext());
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }
}
