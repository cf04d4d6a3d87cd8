/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.examples.http.HttpSettings;
import io.github.embeddedetcd.examples.http.MembersHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP service's side of the bad-input catalogue: wrong paths and methods get plain JSON answers. */
class HttpBadInputIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void wrongPathsAndMethodsAreAnsweredInPlainWords() throws Exception {
        try (EmbeddedEtcd member = EmbeddedEtcd.builder().config(EtcdConfig.builder().name("n1").dataDir(dir.resolve("n1"))
                .clientUrl(URI.create("http://127.0.0.1:" + FreePorts.next()))
                .peerUrl(URI.create("http://127.0.0.1:" + FreePorts.next())).build()).start();
             MembersHttpServer http = MembersHttpServer.start(member, new HttpSettings("127.0.0.1", 0, false))) {
            URI base = http.url();

            HttpResponse<String> unknown = send(HttpRequest.newBuilder(base.resolve("/memberz")).GET());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).isEqualTo("{\"error\":\"no such page; try /, /members, /cluster or /health\"}");

            HttpResponse<String> post = send(HttpRequest.newBuilder(base.resolve("/members"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
            assertThat(post.body()).contains("POST is not supported here; use GET (or HEAD)");

            HttpResponse<String> head = send(HttpRequest.newBuilder(base.resolve("/members"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(head.body()).isEmpty();

            member.close();
            HttpResponse<String> stopped = send(HttpRequest.newBuilder(base.resolve("/members")).GET());
            assertThat(stopped.statusCode()).isEqualTo(503);
            assertThat(stopped.body()).contains("etcd member 'n1' cannot list members");
            assertThat(send(HttpRequest.newBuilder(base.resolve("/health")).GET()).statusCode()).isEqualTo(503);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
