/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP client behind every call the library makes to etcd (its JSON gateway, {@code /health},
 * {@code /version}): one shared client with keep-alive connections, and a deadline on every request
 * that ends it whole (JDK 17's {@code HttpRequest.timeout} only ends the wait for the headers).
 * Its work is small (a request, a little JSON), so it runs on the client's own selector thread.
 */
public final class EtcdHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final EtcdHttp PLAIN = new EtcdHttp(HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .executor(Runnable::run)
            .build());

    private final HttpClient client;

    private EtcdHttp(HttpClient client) {
        this.client = client;
    }

    /** The client for plain {@code http://} URLs. */
    public static EtcdHttp plain() {
        return PLAIN;
    }

    /** GETs the URL; completes exceptionally with a {@link java.util.concurrent.TimeoutException} after the timeout. */
    public CompletableFuture<HttpResponse<String>> get(URI url, Duration timeout) {
        return send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(), timeout);
    }

    /** POSTs a JSON body; completes exceptionally with a {@link java.util.concurrent.TimeoutException} after the timeout. */
    public CompletableFuture<HttpResponse<String>> postJson(URI url, String json, Duration timeout) {
        return send(HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), timeout);
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request, Duration timeout) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
