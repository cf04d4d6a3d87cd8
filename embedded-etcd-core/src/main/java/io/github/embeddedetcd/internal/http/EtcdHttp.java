/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.http;

import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.internal.tls.ClientSsl;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP client behind every call the library makes to etcd (its JSON gateway, {@code /health},
 * {@code /version}), one per TLS setup, with a deadline on every request that ends it whole.
 * Requests ask for JSON: etcd's gateway then authenticates by token only, never by the client
 * certificate's name.
 */
public final class EtcdHttp {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Map<ClientTls, EtcdHttp> BY_TLS = new ConcurrentHashMap<>();
    private static final EtcdHttp DEFAULT_TLS = new EtcdHttp(null);

    /** The TLS of these settings; null for the JVM's default, which the JDK sets up on the first https request. */
    private final SSLSocketFactory tls;

    private EtcdHttp(SSLSocketFactory tls) {
        this.tls = tls;
    }

    /**
     * The client for these TLS settings (it serves http URLs too). With TLS settings, their CA and
     * client certificate are read now, so that a file that cannot be used fails this call, not each request.
     *
     * @throws io.github.embeddedetcd.config.ConfigException naming a TLS file that cannot be used
     */
    public static EtcdHttp forTls(ClientTls tls) {
        // without a map lookup for no settings: a record's first hashCode and equals in a fresh JVM
        // bootstrap ObjectMethods (about 20 ms), which a member on plain http need not pay
        return tls.isNone() ? DEFAULT_TLS
                : BY_TLS.computeIfAbsent(tls, settings -> new EtcdHttp(ClientSsl.context(settings).getSocketFactory()));
    }

    /** GETs the URL; completes exceptionally with a {@link java.util.concurrent.TimeoutException} after the timeout. */
    public CompletableFuture<EtcdResponse> get(URI url, Duration timeout) {
        return UrlConnections.send("GET", url, null, Map.of(), tls, CONNECT_TIMEOUT, timeout);
    }

    /**
     * POSTs a JSON body with these extra headers (e.g. etcd's {@code Authorization} token);
     * completes exceptionally with a {@link java.util.concurrent.TimeoutException} after the timeout.
     */
    public CompletableFuture<EtcdResponse> postJson(URI url, String json, Map<String, String> headers,
                                                    Duration timeout) {
        return UrlConnections.send("POST", url, json, headers, tls, CONNECT_TIMEOUT, timeout);
    }
}
