/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddedetcd.config.ClientTls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Endpoints() {
    }

    static List<URI> resolve(EndpointUrls given, ClientTls tls) {
        // HTTP/1.1: over TLS, etcd's peer port accepts an HTTP/2 connection and then closes it unanswered
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT);
        if (given.urls().stream().anyMatch(url -> url.getScheme().equalsIgnoreCase("https"))) {
            http.sslContext(tls.sslContext());
        }
        HttpClient client = http.build();
        Set<URI> clientUrls = new LinkedHashSet<>();
        for (URI endpoint : given.urls()) {
            clientUrls.addAll(clientUrlsBehind(client, endpoint));
        }
        return List.copyOf(clientUrls);
    }

    private static List<URI> clientUrlsBehind(HttpClient http, URI endpoint) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/members")).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                List<URI> urls = new ArrayList<>();
                for (JsonNode member : JSON.readTree(response.body())) {
                    member.path("clientURLs").forEach(url -> urls.add(URI.create(url.asText())));
                }
                if (!urls.isEmpty()) {
                    return urls;
                }
            }
        } catch (IOException | RuntimeException notAPeerUrl) {
            // a client URL (or nothing there yet): use it as given
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of(endpoint);
    }
}
