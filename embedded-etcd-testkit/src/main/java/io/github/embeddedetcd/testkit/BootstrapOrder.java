/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.EtcdStartException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Starts the nodes of a new cluster in an order in which etcd's bootstrap check cannot stall.
 * <p>
 * A new member first asks its peers, in the sorted order of their peer URLs and with 1 s for each,
 * whether it was bootstrapped already. When all members start at once, two of them may each ask the
 * other while the other's peer port is bound but not served yet: both wait the full second (or two,
 * with two such peers) — a third of all starts on a 2-core machine. So the member that every other
 * member asks first starts alone; once its peer port answers, the others start in parallel: their
 * check is answered at once, and its own found no peer listening.
 */
final class BootstrapOrder {

    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(100);
    private static final long PROBE_PAUSE_MILLIS = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    private BootstrapOrder() {
    }

    /** Starts all nodes (see {@link #start}) and returns once each is healthy. */
    static void startAll(List<TestNode> nodes) {
        Duration firstPeerPortTimeout = nodes.get(0).member().config().startTimeout();
        Parallel.awaitAll(start(nodes, firstPeerPortTimeout, node -> Parallel.inBackground(node, n -> n.member().start())));
    }

    /**
     * Starts all nodes with {@code start} (each future completes when that node is healthy) and
     * returns their futures; the first one is started alone until its peer port answers.
     *
     * @param timeout how long the first node may take to serve its peer port
     */
    static List<CompletableFuture<Void>> start(List<TestNode> nodes, Duration timeout,
                                               Function<TestNode, CompletableFuture<Void>> start) {
        TestNode askedFirst = nodes.stream().min(Comparator.comparing(n -> n.peerEndpoint().toString())).orElseThrow();
        CompletableFuture<Void> first = start.apply(askedFirst);
        awaitPeerPort(askedFirst.peerEndpoint(), first, timeout);
        return nodes.stream().map(node -> node == askedFirst ? first : start.apply(node)).toList();
    }

    /** Whether a start failed because another process took one of its ports meanwhile (a fresh port may work). */
    static boolean failedOnTakenPort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage())
                    + (t instanceof EtcdStartException s ? String.join("\n", s.lastLines()) : "");
            if (text.contains("already in use")) {
                return true;
            }
        }
        return false;
    }

    /** Returns once the peer port serves, or the node's start has ended (successfully or not), or at the timeout. */
    private static void awaitPeerPort(URI peerUrl, CompletableFuture<Void> started, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!started.isDone() && System.nanoTime() < deadline) {
                if (serves(peerUrl)) {
                    return;
                }
                Thread.sleep(PROBE_PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean serves(URI peerUrl) throws InterruptedException {
        return peerUrl.getScheme().equalsIgnoreCase("https") ? answersTls(peerUrl) : answersHttp(peerUrl);
    }

    private static boolean answersHttp(URI peerUrl) throws InterruptedException {
        try {
            HTTP.send(HttpRequest.newBuilder(peerUrl.resolve("/members")).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException notServingYet) {
            return false;
        }
    }

    /**
     * A TLS peer port serves once it answers a handshake — with its certificate or with an alert:
     * the handshake need not succeed (this probe has no client certificate), only be answered.
     */
    private static boolean answersTls(URI peerUrl) {
        try (SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(peerUrl.getHost(), peerUrl.getPort()), (int) PROBE_TIMEOUT.toMillis());
            socket.setSoTimeout((int) PROBE_TIMEOUT.toMillis());
            socket.startHandshake();
            return true;
        } catch (SSLException answered) {
            return true;
        } catch (IOException | GeneralSecurityException notServingYet) {
            return false;
        }
    }
}
