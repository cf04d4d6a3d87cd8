/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** Acting on several nodes at once, each on a daemon thread named after it; the first failure is thrown. */
final class Parallel {

    private Parallel() {
    }

    static void forEach(List<TestNode> nodes, Consumer<TestNode> action) {
        awaitAll(nodes.stream().map(node -> inBackground(node, action)).toList());
    }

    static CompletableFuture<Void> inBackground(TestNode node, Consumer<TestNode> action) {
        return CompletableFuture.runAsync(() -> action.accept(node), runnable -> {
            Thread t = new Thread(runnable, "etcd-testkit-" + node.name());
            t.setDaemon(true);
            t.start();
        });
    }

    /** Waits for all; each is bounded by the member call it runs (start, stop, kill have their own timeouts). */
    static void awaitAll(List<CompletableFuture<Void>> all) {
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
