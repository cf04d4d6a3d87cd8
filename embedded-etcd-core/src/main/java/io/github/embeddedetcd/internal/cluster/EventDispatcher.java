/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.MembershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers membership events to listeners in order, on one thread per local member. A listener
 * that throws is logged; the others and the member carry on.
 */
public final class EventDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final List<MembershipListener> listeners;
    private final ExecutorService thread;
    private volatile Thread dispatching;

    public EventDispatcher(String memberName, List<MembershipListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "embedded-etcd-events-" + memberName);
            t.setDaemon(true);
            dispatching = t;
            return t;
        });
    }

    /** Queues one event for every listener. */
    public void fire(String event, Consumer<MembershipListener> call) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            thread.execute(() -> listeners.forEach(listener -> deliver(listener, event, call)));
        } catch (RejectedExecutionException closed) {
            LOG.debug("dropped {} after close", event);
        }
    }

    private static void deliver(MembershipListener listener, String event, Consumer<MembershipListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException | Error e) {
            LOG.warn("Membership listener {} failed on {}; the member carries on", listener, event, e);
        }
    }

    /**
     * Delivers what is queued (bounded wait), then stops. Called from a listener (which closed its
     * member), it only stops taking events: the listener's own thread cannot wait for itself.
     */
    @Override
    public void close() {
        thread.shutdown();
        if (Thread.currentThread() == dispatching) {
            return;
        }
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Membership listeners still busy after {} ms; not waiting for them", CLOSE_WAIT_MILLIS);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
