/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.testkit.internal.junit.StoredCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.DeleteOption;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The clusters that test classes share ({@link EtcdCluster#shared()}), one pool per test run (kept
 * in JUnit's root context, which closes it when the run ends). A class borrows an idle cluster of
 * the shape it declares, with all its keys deleted, or gets a new one when every cluster of that
 * shape is in use (classes running in parallel; those clusters stay up, idle, until the run ends);
 * it gives the cluster back when it ends. A cluster with a node that no longer runs when it would be
 * lent again, or whose keys could not be deleted (which takes a leader), is closed and replaced.
 */
@SuppressWarnings("deprecation") // CloseableResource and AutoCloseable: see StoredCluster
final class SharedClusters implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedClusters.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedClusters.class);
    /** From the lowest key with no end: every key ("\0" as range end means "all keys from the key on"). */
    private static final ByteSequence LOWEST_KEY = ByteSequence.from(new byte[] {0});
    private static final long WIPE_TIMEOUT_SECONDS = 10;

    private final Map<EtcdCluster, Deque<EtcdTestCluster>> idle = new HashMap<>();
    private final Map<EtcdTestCluster, EtcdCluster> shapes = new LinkedHashMap<>();
    private final Set<EtcdTestCluster> usedByFailedTests = new HashSet<>();

    /** The pool of the test run that {@code context} belongs to. */
    static SharedClusters of(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedClusters.class, key -> new SharedClusters(), SharedClusters.class);
    }

    private StoredCluster lent(EtcdTestCluster cluster) {
        return StoredCluster.borrowed(cluster, failed -> giveBack(cluster, failed));
    }

    /** A cluster of this shape for a context to use until it ends: an idle one, wiped, or one that {@code starter} starts. */
    StoredCluster borrow(EtcdCluster shape, Supplier<EtcdTestCluster> starter) {
        for (EtcdTestCluster cluster = takeIdle(shape); cluster != null; cluster = takeIdle(shape)) {
            if (wiped(cluster)) {
                return lent(cluster);
            }
            retire(cluster);
        }
        // started outside the lock: classes running in parallel start theirs at the same time
        EtcdTestCluster cluster = starter.get();
        cluster.shared(true);
        synchronized (this) {
            shapes.put(cluster, shape);
        }
        return lent(cluster);
    }

    /**
     * Takes the cluster back for the next class; after a failed test whose declaration keeps data
     * ({@link Cleanup#ON_SUCCESS}, {@link Cleanup#NEVER}) it is closed instead, so that its data
     * still shows what the failed test left.
     */
    void giveBack(EtcdTestCluster cluster, boolean testFailed) {
        synchronized (this) {
            if (testFailed) {
                usedByFailedTests.add(cluster);
            }
            EtcdCluster shape = shapes.get(cluster);
            if (!testFailed || DeclaredClusterExtension.cleanup(shape) == Cleanup.ALWAYS) {
                idle.computeIfAbsent(shape, key -> new ArrayDeque<>()).push(cluster);
                return;
            }
        }
        retire(cluster);
    }

    private synchronized EtcdTestCluster takeIdle(EtcdCluster shape) {
        Deque<EtcdTestCluster> clusters = idle.get(shape);
        return clusters == null ? null : clusters.poll();
    }

    /** Whether all nodes of the cluster still run, and it now holds no keys. */
    private static boolean wiped(EtcdTestCluster cluster) {
        if (!cluster.nodes().stream().allMatch(TestNode::isRunning)) {
            LOG.warn("A node of shared test cluster {} no longer runs; a new cluster replaces it", cluster.clusterName());
            return false;
        }
        try {
            cluster.client().getKVClient().delete(LOWEST_KEY, DeleteOption.builder().withRange(LOWEST_KEY).build())
                    .get(WIPE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Could not delete the keys of shared test cluster {} ({}); a new one replaces it",
                    cluster.clusterName(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting the keys of shared test cluster "
                    + cluster.clusterName(), e);
        }
    }

    private void retire(EtcdTestCluster cluster) {
        EtcdCluster shape;
        boolean failed;
        synchronized (this) {
            shape = shapes.remove(cluster);
            failed = usedByFailedTests.remove(cluster);
        }
        close(cluster, shape, failed);
    }

    /** Closes every cluster of the run, each as its declaration's cleanup says. */
    @Override
    public void close() {
        List<EtcdTestCluster> clusters;
        synchronized (this) {
            clusters = new ArrayList<>(shapes.keySet());
        }
        RuntimeException failure = null;
        for (EtcdTestCluster cluster : clusters) {
            try {
                retire(cluster);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void close(EtcdTestCluster cluster, EtcdCluster shape, boolean testFailed) {
        cluster.shared(false);
        StoredCluster.close(cluster, DeclaredClusterExtension.cleanup(shape), testFailed);
    }
}
