/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.config.ClientTls;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * The README's main job, {@code etcd-embedded demo}, run from the jar as a user runs it: members
 * come up as voters, the live page serves {@code /members} (over HTTPS with {@code --tls}), and a
 * SIGTERM stops every member and removes the demo's data.
 */
class DemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READY = "Ctrl-C stops all members.";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void theDemoRunsAClusterAndStopsCleanly(boolean tls) throws Exception {
        String base = tls ? "127.0.0.41" : "127.0.0.31";
        int httpPort = FreePorts.next();
        List<String> args = new ArrayList<>(List.of("demo", "--nodes", "2", "--base-address", base,
                "--http-port", Integer.toString(httpPort)));
        if (tls) {
            args.add("--tls");
        }
        Path out = dir.resolve("demo.out");
        Process demo = CliProcess.builder(args.toArray(String[]::new)).redirectOutput(out.toFile())
                .redirectErrorStream(true).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> !demo.isAlive() || Files.readString(out).contains(READY));
            assertThat(demo.isAlive()).as(Files.readString(out)).isTrue();

            String scheme = tls ? "https" : "http";
            JsonNode members = members(URI.create(scheme + "://" + base + ":" + httpPort + "/members"));
            assertThat(members).hasSize(2).allSatisfy(member -> {
                assertThat(member.path("isLearner").asBoolean()).isFalse();
                assertThat(member.path("clientURLs").get(0).asText()).startsWith(scheme + "://");
                assertThat(member.path("peerURLs").get(0).asText()).startsWith(scheme + "://");
            });
            Path data = Path.of(Files.readAllLines(out).stream().filter(line -> line.contains("data dir "))
                    .findFirst().orElseThrow().replaceAll(".*data dir (.*)/node-1.*", "$1"));
            assertThat(data).isDirectory();

            demo.destroy();
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
            assertThat(demo.exitValue()).as(Files.readString(out)).isEqualTo(143);
            assertThat(data).doesNotExist();
        } finally {
            demo.destroyForcibly();
        }
    }

    private static JsonNode members(URI url) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(ClientTls.TRUST_ANY_SERVER.sslContext())
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
