/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.resolver;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The test clusters running in this JVM, by name, behind {@code cluster://<name>} targets. A cluster
 * claims its name when it starts, publishes its nodes whenever they change (start, restart, a node
 * added or removed) and gives the name up when it closes. Resolvers subscribe to a name rather
 * than to a cluster, so a client made while no cluster of that name runs finds it once one does.
 * Subscribers hear only that something changed and read the current state then: notifications run
 * outside the lock and may arrive out of order, the state they read cannot.
 */
public final class RunningClusters {

    /** Guarded by the class lock; a name stays while a cluster owns it or anyone listens for it. */
    private static final Map<String, Slot> SLOTS = new HashMap<>();

    private RunningClusters() {
    }

    /**
     * Claims the name for a cluster that is starting, with no nodes yet.
     *
     * @throws IllegalStateException when another running cluster has that name
     */
    public static Registration register(String clusterName, Object owner) {
        synchronized (RunningClusters.class) {
            Slot slot = SLOTS.computeIfAbsent(clusterName, name -> new Slot());
            if (slot.owner != null) {
                throw new IllegalStateException("Another etcd test cluster named '" + clusterName + "' is running ("
                        + slot.owner + "): a cluster's name is its cluster:// target, so running clusters need "
                        + "distinct names. Give this one another name, or none (a random one is chosen).");
            }
            slot.owner = owner;
            slot.endpoints = List.of();
        }
        return new Registration(clusterName, owner);
    }

    /** The cluster running under this name (as registered), if any. */
    public static Optional<Object> owner(String clusterName) {
        synchronized (RunningClusters.class) {
            return Optional.ofNullable(SLOTS.get(clusterName)).map(slot -> slot.owner);
        }
    }

    /** The nodes the named cluster published last; empty when no cluster of that name runs. */
    static List<ClusterEndpoint> endpoints(String clusterName) {
        synchronized (RunningClusters.class) {
            Slot slot = SLOTS.get(clusterName);
            return slot == null || slot.owner == null ? List.of() : slot.endpoints;
        }
    }

    /** Names of the clusters running now, sorted, for error messages. */
    static Set<String> names() {
        synchronized (RunningClusters.class) {
            Set<String> names = new TreeSet<>();
            SLOTS.forEach((name, slot) -> {
                if (slot.owner != null) {
                    names.add(name);
                }
            });
            return names;
        }
    }

    /** Calls {@code onChange} after every change to the named cluster, until {@code unsubscribe} runs. */
    static Runnable subscribe(String clusterName, Runnable onChange) {
        synchronized (RunningClusters.class) {
            SLOTS.computeIfAbsent(clusterName, name -> new Slot()).subscribers.add(onChange);
        }
        return () -> {
            synchronized (RunningClusters.class) {
                Slot slot = SLOTS.get(clusterName);
                if (slot != null) {
                    slot.subscribers.remove(onChange);
                    dropIfUnused(clusterName, slot);
                }
            }
        };
    }

    private static void changed(String clusterName) {
        List<Runnable> subscribers;
        synchronized (RunningClusters.class) {
            Slot slot = SLOTS.get(clusterName);
            subscribers = slot == null ? List.of() : List.copyOf(slot.subscribers);
        }
        subscribers.forEach(Runnable::run);
    }

    private static void dropIfUnused(String clusterName, Slot slot) {
        if (slot.owner == null && slot.subscribers.isEmpty()) {
            SLOTS.remove(clusterName);
        }
    }

    private static final class Slot {
        private Object owner;
        private List<ClusterEndpoint> endpoints = List.of();
        private final Set<Runnable> subscribers = new LinkedHashSet<>();
    }

    /** A cluster's hold on its name. */
    public static final class Registration implements AutoCloseable {
        private final String clusterName;
        private final Object owner;

        private Registration(String clusterName, Object owner) {
            this.clusterName = clusterName;
            this.owner = owner;
        }

        /** Replaces the cluster's nodes, as resolvers will see them. */
        public void publish(List<ClusterEndpoint> endpoints) {
            synchronized (RunningClusters.class) {
                Slot slot = SLOTS.get(clusterName);
                if (slot == null || slot.owner != owner) {
                    return;
                }
                slot.endpoints = List.copyOf(endpoints);
            }
            changed(clusterName);
        }

        /** Gives the name up; resolvers of it then fail until a cluster of that name starts again. */
        @Override
        public void close() {
            synchronized (RunningClusters.class) {
                Slot slot = SLOTS.get(clusterName);
                if (slot == null || slot.owner != owner) {
                    return;
                }
                slot.owner = null;
                slot.endpoints = List.of();
                dropIfUnused(clusterName, slot);
            }
            changed(clusterName);
        }
    }
}
