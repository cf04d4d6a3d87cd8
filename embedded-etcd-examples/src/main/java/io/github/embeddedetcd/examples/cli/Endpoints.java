/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddedetcd.config.ClientTls;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the endpoint a user gives into client URLs. The seed's walkthrough passes a peer URL
 * ({@code :2380}); etcd's peer port answers {@code GET /members} with every member's client URLs,
 * which is how a peer URL is recognised and resolved. Anything else is taken as a client URL.
 * An https peer URL is asked with the same client TLS as the members' client URLs.
 */
final class Endpoints {

    private static final int TIMEOUT_MILLIS = 2000;

    private Endpoints() {
    }

    static List<URI> resolve(EndpointUrls given, ClientTls tls) {
        // set up TLS only for https endpoints, and here, so that a TLS setting that fails says so
        SSLSocketFactory ssl = given.urls().stream().anyMatch(url -> url.getScheme().equalsIgnoreCase("https"))
                ? tls.sslContext().getSocketFactory() : null;
        Set<URI> clientUrls = new LinkedHashSet<>();
        for (URI endpoint : given.urls()) {
            clientUrls.addAll(clientUrlsBehind(endpoint, ssl));
        }
        return List.copyOf(clientUrls);
    }

    private static List<URI> clientUrlsBehind(URI endpoint, SSLSocketFactory ssl) {
        // HttpURLConnection rather than the JDK HttpClient: it speaks HTTP/1.1 (over TLS, etcd's peer
        // port accepts an HTTP/2 connection and then closes it unanswered), and a command that is
        // given client URLs, the usual case, does not pay for setting up an HttpClient and its TLS
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) endpoint.resolve("/members").toURL().openConnection(Proxy.NO_PROXY);
            if (http instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(ssl);
            }
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            if (http.getResponseCode() == 200) {
                List<URI> urls = peerAnswer(http);
                if (!urls.isEmpty()) {
                    return urls;
                }
            }
        } catch (IOException | RuntimeException notAPeerUrl) {
            // a client URL (or nothing there yet): use it as given
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
        return List.of(endpoint);
    }

    /** The client URLs in a peer port's answer to GET /members. */
    private static List<URI> peerAnswer(HttpURLConnection http) throws IOException {
        List<URI> urls = new ArrayList<>();
        try (InputStream body = http.getInputStream()) {
            for (JsonNode member : new ObjectMapper().readTree(body)) {
                member.path("clientURLs").forEach(url -> urls.add(URI.create(url.asText())));
            }
        }
        return urls;
    }
}
