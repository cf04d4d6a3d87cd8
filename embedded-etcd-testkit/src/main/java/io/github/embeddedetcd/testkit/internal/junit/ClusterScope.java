/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.junit;

import io.github.embeddedetcd.testkit.Cleanup;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import io.github.embeddedetcd.testkit.Network;
import io.github.embeddedetcd.testkit.internal.network.NamespaceNetwork;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Where one extension keeps the clusters it started: in JUnit's store of the class or test context
 * they belong to, so JUnit closes them with it even when a callback of ours never runs.
 */
public final class ClusterScope {

    private static final String CLUSTER = "cluster";

    private final ExtensionContext.Namespace namespace;

    /** A scope of its own for each distinct {@code owner}: several extensions may keep clusters in one context. */
    public ClusterScope(Object owner) {
        this.namespace = ExtensionContext.Namespace.create(ClusterScope.class, owner);
    }

    /** Enabled, or disabled saying why when the cluster needs network namespaces this machine cannot make. */
    public static ConditionEvaluationResult condition(Network network) {
        Optional<String> unavailable = network == Network.NAMESPACES ? NamespaceNetwork.unavailableReason()
                : Optional.empty();
        return unavailable.map(reason -> ConditionEvaluationResult.disabled("etcd test cluster not started: " + reason))
                .orElse(ConditionEvaluationResult.enabled("the cluster's network can be set up here"));
    }

    public void put(ExtensionContext context, StoredCluster cluster) {
        context.getStore(namespace).put(CLUSTER, cluster);
    }

    /** The cluster of this context or the nearest enclosing one. */
    public Optional<EtcdTestCluster> find(ExtensionContext context) {
        return stored(context).map(StoredCluster::cluster);
    }

    /**
     * Takes the cluster of this context (not of an enclosing one) out of the store, for the caller to
     * close now rather than when JUnit closes the store, so the next one starts clean. A failure of
     * this context's own test counts for its cleanup here: JUnit tells {@link #testFailed} only after
     * the test's callbacks.
     */
    public Optional<StoredCluster> take(ExtensionContext context) {
        StoredCluster stored = context.getStore(namespace).remove(CLUSTER, StoredCluster.class);
        if (stored != null && context.getExecutionException().isPresent()) {
            stored.testFailed();
        }
        return Optional.ofNullable(stored);
    }

    /** A failed test marks the clusters it used; {@link Cleanup#ON_SUCCESS} then keeps their data. */
    public void testFailed(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional.ofNullable(c.get().getStore(namespace).get(CLUSTER, StoredCluster.class))
                    .ifPresent(StoredCluster::testFailed);
        }
    }

    private Optional<StoredCluster> stored(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            StoredCluster stored = c.get().getStore(namespace).get(CLUSTER, StoredCluster.class);
            if (stored != null) {
                return Optional.of(stored);
            }
        }
        return Optional.empty();
    }
}
