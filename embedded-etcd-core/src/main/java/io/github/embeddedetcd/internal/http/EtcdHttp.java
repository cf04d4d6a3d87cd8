/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.http;

import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.internal.tls.ClientSsl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The HTTP client behind every call the library makes to etcd (its JSON gateway, {@code /health},
 * {@code /version}), with a deadline on every request that ends it whole (JDK 17's
 * {@code HttpRequest.timeout} only ends the wait for the headers). Plain {@code http://} URLs go
 * through {@link PlainHttp}, which sets up no TLS; {@code https://} URLs through one JDK
 * {@code HttpClient} per TLS setup (whose files are read when it is asked for), created when
 * the first https request is made, with keep-alive connections, running its small work (a
 * request, a little JSON) on its own selector thread. Requests ask for JSON: etcd's gateway then authenticates by token only, never by the
 * client certificate's name.
 */
public final class EtcdHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Map<ClientTls, EtcdHttp> BY_TLS = new ConcurrentHashMap<>();
    private static final EtcdHttp DEFAULT_TLS = new EtcdHttp(ClientTls.NONE);

    /** The TLS of these settings; null for the JDK's default, set up by the https client when it is made. */
    private final SSLContext sslContext;
    private volatile HttpClient httpsClient;

    private EtcdHttp(ClientTls tls) {
        // TLS files are read here, so that one that cannot be used fails this call, not each request
        this.sslContext = tls.isNone() ? null : ClientSsl.context(tls);
    }

    /**
     * The client for these TLS settings (it serves http URLs too). With TLS settings, their CA and
     * client certificate are read now; without, the JDK's default TLS is set up on the first https
     * request only, so that plain http never pays for it.
     *
     * @throws io.github.embeddedetcd.config.ConfigException naming a TLS file that cannot be used
     */
    public static EtcdHttp forTls(ClientTls tls) {
        // without a map lookup for no settings: a record's first hashCode and equals in a fresh JVM
        // bootstrap ObjectMethods (about 20 ms), which a member on plain http need not pay
        return tls.isNone() ? DEFAULT_TLS : BY_TLS.computeIfAbsent(tls, EtcdHttp::new);
    }

    /** GETs the URL; completes exceptionally with a {@link java.util.concurrent.TimeoutException} after the timeout. */
    public CompletableFuture<EtcdResponse> get(URI url, Duration timeout) {
        if (isPlain(url)) {
            return PlainHttp.send("GET", url, null, Map.of(), CONNECT_TIMEOUT, timeout);
        }
        return send(request(url, timeout, Map.of()).GET().build(), timeout);
    }

    /**
     * POSTs a JSON body with these extra headers (e.g. etcd's {@code Authorization} token);
     * completes exceptionally with a {@link java.util.concurrent.TimeoutException} after the timeout.
     */
    public CompletableFuture<EtcdResponse> postJson(URI url, String json, Map<String, String> headers,
                                                    Duration timeout) {
        if (isPlain(url)) {
            return PlainHttp.send("POST", url, json, headers, CONNECT_TIMEOUT, timeout);
        }
        return send(request(url, timeout, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), timeout);
    }

    private static boolean isPlain(URI url) {
        return "http".equalsIgnoreCase(url.getScheme());
    }

    private static HttpRequest.Builder request(URI url, Duration timeout, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "application/json");
        headers.forEach(request::header);
        return request;
    }

    private CompletableFuture<EtcdResponse> send(HttpRequest request, Duration timeout) {
        return httpsClient().sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new EtcdResponse(response.statusCode(), response.body()))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private HttpClient httpsClient() {
        HttpClient client = httpsClient;
        if (client == null) {
            synchronized (this) {
                if (httpsClient == null) {
                    httpsClient = newHttpsClient(sslContext);
                }
                client = httpsClient;
            }
        }
        return client;
    }

    private static HttpClient newHttpsClient(SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(Runnable::run);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }
}
