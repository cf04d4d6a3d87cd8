/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.recovery;

import com.sun.net.httpserver.HttpServer;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.config.TransportSecurity;
import io.github.embeddedetcd.internal.recovery.FormerMembers.FormerMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Which former members count as gone: only those that refuse the connection; an unreadable answer is an answer. */
class PeerProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aRefusedConnectionIsGoneAnEtcdAnswerIsReadAndAnyOtherAnswerIsUnreadable() throws IOException {
        FormerMember gone = member(1, URI.create("http://127.0.0.1:" + FreePorts.next()));
        FormerMember etcd = member(2, serve(200, "[{\"id\":2,\"name\":\"n2\",\"peerURLs\":[\"http://127.0.0.1:1\"]},"
                + "{\"id\":3,\"name\":\"n3\",\"peerURLs\":[\"http://127.0.0.1:2\"],\"isLearner\":true}]"));
        FormerMember refusing = member(3, serve(401, "no"));

        List<PeerProbe.Answer> answers = PeerProbe.ask(List.of(gone, etcd, refusing), TransportSecurity.NONE, TIMEOUT);

        assertThat(answers).extracting(a -> a.member().id()).containsExactly(2L, 3L);
        assertThat(answers.get(0).isReadable()).isTrue();
        assertThat(answers.get(0).sees()).extracting(FormerMember::name, FormerMember::learner)
                .containsExactly(tuple("n2", false), tuple("n3", true));
        assertThat(answers.get(1).isReadable()).isFalse();
        assertThat(answers.get(1).unreadable()).contains("/members answered HTTP 401");
    }

    private static FormerMember member(long id, URI peerUrl) {
        return new FormerMember(id, "n" + id, List.of(peerUrl), List.of(), false);
    }

    private URI serve(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/members", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
