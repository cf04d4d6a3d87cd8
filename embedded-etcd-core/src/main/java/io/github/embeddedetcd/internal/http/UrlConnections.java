/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Requests over {@link HttpURLConnection}, {@code https} ones with the caller's TLS: unlike the
 * JDK's {@code HttpClient}, it sets up no TLS for plain http (see BENCHMARKS.md, cold start).
 * Connections are kept alive by the JDK's cache (for https, per socket factory, so callers keep
 * theirs); no proxy is ever used (the members are addressed directly). Each request runs on a
 * daemon thread, bounded by its connect and read timeouts, and is cut off (its connection closed)
 * when its deadline passes.
 */
final class UrlConnections {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService EXCHANGES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "embedded-etcd-http-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private UrlConnections() {
    }

    /**
     * Sends the request; completes with the answer, or exceptionally (a {@link TimeoutException}
     * after the deadline).
     *
     * @param tls how an https URL is reached; null for the JVM's default TLS
     */
    static CompletableFuture<EtcdResponse> send(String method, URI url, String jsonBody, Map<String, String> headers,
                                                SSLSocketFactory tls, Duration connectTimeout, Duration timeout) {
        CompletableFuture<EtcdResponse> answer = new CompletableFuture<>();
        AtomicReference<HttpURLConnection> connection = new AtomicReference<>();
        EXCHANGES.execute(() -> {
            try {
                answer.complete(exchange(method, url, jsonBody, headers, tls, connectTimeout, timeout, connection));
            } catch (IOException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, failure) -> {
            HttpURLConnection open = connection.get();
            if (failure instanceof TimeoutException && open != null) {
                open.disconnect();
            }
        });
        return answer;
    }

    private static EtcdResponse exchange(String method, URI url, String jsonBody, Map<String, String> headers,
                                         SSLSocketFactory tls, Duration connectTimeout, Duration timeout,
                                         AtomicReference<HttpURLConnection> opened) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
        if (connection instanceof HttpsURLConnection https && tls != null) {
            https.setSSLSocketFactory(tls);
        }
        opened.set(connection);
        connection.setConnectTimeout(millis(connectTimeout.compareTo(timeout) < 0 ? connectTimeout : timeout));
        connection.setReadTimeout(millis(timeout));
        connection.setRequestMethod(method);
        connection.setRequestProperty("Accept", "application/json");
        headers.forEach(connection::setRequestProperty);
        if (jsonBody != null) {
            byte[] bytes = jsonBody.getBytes(StandardCharsets.UTF_8);
            connection.setDoOutput(true);
            // Streaming mode also keeps HttpURLConnection from silently sending a POST again when a
            // kept-alive connection turns out closed: a member add or removal must go out once.
            connection.setFixedLengthStreamingMode(bytes.length);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = connection.getResponseCode();
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return new EtcdResponse(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
