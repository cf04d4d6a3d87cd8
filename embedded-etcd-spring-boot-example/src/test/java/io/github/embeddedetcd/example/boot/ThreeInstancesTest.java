/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.example.boot;

import io.github.embeddedetcd.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The example as its README section runs it: three instances with the profiles n1, n2, n3 on
 * 127.0.0.1-3 form one cluster (here on free ports, so that a running demo is not disturbed).
 */
class ThreeInstancesTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopInstances() {
        Collections.reverse(instances);
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void threeInstancesFormOneClusterAndReportItsHealth() throws Exception {
        int firstClientPort = FreePorts.next();
        start("n1", firstClientPort, null);
        start("n2", FreePorts.next(), "http://127.0.0.1:" + firstClientPort);
        ConfigurableApplicationContext third = start("n3", FreePorts.next(), "http://127.0.0.1:" + firstClientPort);

        String base = "http://127.0.0.3:" + third.getEnvironment().getProperty("local.server.port");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode members = get(base + "/members");
            assertThat(members).hasSize(3);
            assertThat(StreamSupport.stream(members.spliterator(), false).map(m -> m.get("name").asText()))
                    .containsExactlyInAnyOrder("n1", "n2", "n3");
            assertThat(StreamSupport.stream(members.spliterator(), false)).noneMatch(m -> m.get("learner").asBoolean());
        });
        JsonNode health = get(base + "/actuator/health").get("components").get("embeddedEtcd");
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("details").get("name").asText()).isEqualTo("n3");
        assertThat(health.get("details").get("members").asInt()).isEqualTo(3);
    }

    private ConfigurableApplicationContext start(String profile, int clientPort, String joinEndpoint) {
        String address = "127.0.0." + profile.substring(1);
        // command-line arguments: they win over the profile's settings in application.yaml
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=" + profile,
                "--embedded.etcd.data-dir=" + dir.resolve(profile),
                "--embedded.etcd.listen-client-urls=http://" + address + ":" + clientPort,
                "--embedded.etcd.listen-peer-urls=http://" + address + ":" + FreePorts.next(),
                "--embedded.etcd.heartbeat-interval=10",
                "--embedded.etcd.election-timeout=100",
                "--server.port=0"));
        if (joinEndpoint != null) {
            arguments.add("--embedded.etcd.join-endpoints=" + joinEndpoint);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MembersApplication.class)
                .run(arguments.toArray(String[]::new));
        assertThat(context.getEnvironment().getProperty("embedded.etcd.data-dir")).isEqualTo(dir.resolve(profile).toString());
        instances.add(context);
        return context;
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
