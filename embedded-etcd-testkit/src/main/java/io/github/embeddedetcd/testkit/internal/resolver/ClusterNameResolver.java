/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.resolver;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Resolves {@code cluster://<name>} to the client addresses of the running test cluster of that
 * name, and again whenever its nodes change. Each address carries its node's name as authority,
 * as jetcd-test's resolver does, so TLS checks each node against its own certificate.
 * gRPC calls {@link #start}, {@link #refresh} and {@link #shutdown} in the channel's
 * synchronization context; cluster changes are moved into it.
 */
final class ClusterNameResolver extends NameResolver {

    private final String clusterName;
    private final SynchronizationContext syncContext;
    private Listener2 listener;
    /** Ends the subscription; null before start and after shutdown. */
    private Runnable unsubscribe;

    ClusterNameResolver(String clusterName, SynchronizationContext syncContext) {
        this.clusterName = clusterName;
        this.syncContext = syncContext;
    }

    @Override
    public String getServiceAuthority() {
        return clusterName;
    }

    @Override
    public void start(Listener2 resultListener) {
        this.listener = resultListener;
        this.unsubscribe = RunningClusters.subscribe(clusterName, () -> syncContext.execute(this::resolve));
        resolve();
    }

    @Override
    public void refresh() {
        resolve();
    }

    private void resolve() {
        if (unsubscribe == null) {
            return;
        }
        List<ClusterEndpoint> endpoints = RunningClusters.endpoints(clusterName);
        if (endpoints.isEmpty()) {
            listener.onError(Status.UNAVAILABLE.withDescription("No etcd test cluster named '" + clusterName
                    + "' runs in this JVM (running: " + RunningClusters.names() + "). A cluster:// target names a "
                    + "cluster of the testkit while it runs, from its start until it is closed."));
            return;
        }
        List<EquivalentAddressGroup> groups = endpoints.stream().map(ClusterNameResolver::addressGroup).toList();
        listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
    }

    private static EquivalentAddressGroup addressGroup(ClusterEndpoint endpoint) {
        InetSocketAddress address = new InetSocketAddress(endpoint.clientUrl().getHost(), endpoint.clientUrl().getPort());
        return new EquivalentAddressGroup(address, Attributes.newBuilder()
                .set(EquivalentAddressGroup.ATTR_AUTHORITY_OVERRIDE, endpoint.nodeName()).build());
    }

    @Override
    public void shutdown() {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }
}
