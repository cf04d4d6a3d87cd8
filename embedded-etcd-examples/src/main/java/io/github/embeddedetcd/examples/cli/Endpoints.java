/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 */
final class Endpoints {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private Endpoints() {
    }

    static List<URI> resolve(EndpointUrls given) {
        Set<URI> clientUrls = new LinkedHashSet<>();
        for (URI endpoint : given.urls()) {
            clientUrls.addAll(clientUrlsBehind(endpoint));
        }
        return List.copyOf(clientUrls);
    }

    private static List<URI> clientUrlsBehind(URI endpoint) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/members")).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
