/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed walkthrough, replayed with three separate JVMs from the jar on 127.0.0.11/12/13
 * (each on 2379/2380 and its live page on :3000, like the walkthrough's three hosts).
 */
class SeedWalkthroughIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<Process> servers = new ArrayList<>();

    @Test
    void serverJoinServerJoinServerRemove() throws Exception {
        Path[] configs = {config(0), config(1), config(2)};
        Process mk8s0 = server(configs[0], "mk8s-0");
        awaitMembers(List.of("mk8s-0:voter"));

        assertThat(cli("join", "http://127.0.0.11:2380", configs[1].toString())).contains("Join successful");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(members())
                .anySatisfy(m -> {
                    assertThat(m.path("isLearner").asBoolean()).isTrue();
                    assertThat(m.path("started").asBoolean()).isFalse();
                    assertThat(m.path("peerURLs").get(0).asText()).isEqualTo("http://127.0.0.12:2380");
                }));

        server(configs[1], "mk8s-1");
        awaitMembers(List.of("mk8s-0:voter", "mk8s-1:voter"));

        assertThat(cli("join", "http://127.0.0.11:2380", configs[2].toString())).contains("Join successful");
        Process mk8s2 = server(configs[2], "mk8s-2");
        awaitMembers(List.of("mk8s-0:voter", "mk8s-1:voter", "mk8s-2:voter"));
        Path backup = dir.resolve("backup/mk8s.db");
        assertThat(cli("snapshot", "http://127.0.0.11:2379", backup.toString())).contains("Saved " + backup, "revision ");
        assertThat(backup).isRegularFile();
        assertThat(backup.resolveSibling("mk8s.db.json")).isRegularFile();

        assertThat(cli("remove", "http://127.0.0.11:2379", "mk8s-2", configs[0].toString()))
                .contains("Removed member 'mk8s-2'");
        assertThat(mk8s2.waitFor(30, TimeUnit.SECONDS)).as("the removed member's process exits").isTrue();
        assertThat(mk8s2.exitValue()).isZero();
        awaitMembers(List.of("mk8s-0:voter", "mk8s-1:voter"));
        assertThat(mk8s0.isAlive()).isTrue();
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process server : servers) {
            server.destroy();
        }
        for (Process server : servers) {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private Path config(int index) throws IOException {
        String host = "127.0.0.1" + (index + 1);
        return Files.writeString(dir.resolve("mk8s-" + index + ".yaml"), """
                name: mk8s-%d
                data-dir: %s
                listen-peer-urls: http://%s:2380
                listen-client-urls: http://%s:2379
                initial-advertise-peer-urls: http://%s:2380
                advertise-client-urls: http://%s:2379
                initial-cluster: mk8s-%d=http://%s:2380
                heartbeat-interval: 10
                election-timeout: 100
                embedded:
                  http-host: %s
                """.formatted(index, dir.resolve("mk8s-" + index + ".etcd"), host, host, host, host, index, host, host));
    }

    private Process server(Path config, String name) throws IOException {
        Process process = CliProcess.builder("server", config.toString()).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectErrorStream(true).start();
        servers.add(process);
        return process;
    }

    private String cli(String... args) throws Exception {
        CliProcess.Result result = CliProcess.run(dir, args);
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        return result.stdout();
    }

    private static void awaitMembers(List<String> expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> {
                    List<String> seen = new ArrayList<>();
                    members().forEach(m -> seen.add(m.path("name").asText() + ":"
                            + (m.path("isLearner").asBoolean() ? "learner" : "voter")));
                    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
                });
    }

    private static JsonNode members() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.11:3000/members"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
