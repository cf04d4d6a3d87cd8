/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.testkit.EtcdTestCluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Member configs shared by the library and bare runs: loopback, free ports, the testkit's fast raft timings. */
final class Configs {

    static final int HEARTBEAT_MILLIS = EtcdTestCluster.FAST_HEARTBEAT_MILLIS;
    static final int ELECTION_MILLIS = EtcdTestCluster.FAST_ELECTION_MILLIS;

    private Configs() {
    }

    static EtcdConfig.Builder member(String name, Path dir) throws IOException {
        return EtcdConfig.builder().name(name).dataDir(dir.resolve(name))
                .clientUrl(URI.create("http://127.0.0.1:" + FreePorts.next()))
                .peerUrl(URI.create("http://127.0.0.1:" + FreePorts.next()))
                .heartbeatIntervalMillis(HEARTBEAT_MILLIS).electionTimeoutMillis(ELECTION_MILLIS)
                .extraArgs(List.of(EtcdTestCluster.NO_INITIAL_TICK_ADVANCE))
                .joinTimeout(Duration.ofMinutes(2));
    }

    /** Members with a static initial-cluster naming all of them. */
    static List<EtcdConfig> staticCluster(Path dir, int size) throws IOException {
        List<EtcdConfig.Builder> builders = new ArrayList<>();
        Map<String, List<URI>> initial = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            EtcdConfig.Builder b = member("node-" + i, dir);
            builders.add(b);
            initial.put("node-" + i, b.build().initialAdvertisePeerUrls());
        }
        return builders.stream().map(b -> b.initialCluster(initial).initialClusterToken(dir.getFileName().toString()).build()).toList();
    }

    /** The testkit cluster the cluster figures measure: {@code nodes} nodes with the same timings as bare etcd. */
    static EtcdTestCluster.Builder testkitCluster(int nodes) {
        return EtcdTestCluster.builder().nodes(nodes).timings(HEARTBEAT_MILLIS, ELECTION_MILLIS);
    }

    /** The member's settings as the YAML config file a user would write, with {@code embeddedLines} under "embedded:". */
    static Path yamlFile(EtcdConfig config, Path file, String... embeddedLines) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>(List.of(
                "name: " + config.name(),
                "data-dir: " + config.dataDir(),
                "listen-client-urls: " + config.listenClientUrls().get(0),
                "listen-peer-urls: " + config.listenPeerUrls().get(0),
                "heartbeat-interval: " + config.heartbeatIntervalMillis(),
                "election-timeout: " + config.electionTimeoutMillis(),
                "embedded:",
                "  extra-args: [\"" + String.join("\", \"", config.extraArgs()) + "\"]"));
        for (String line : embeddedLines) {
            lines.add("  " + line);
        }
        return Files.write(file, lines);
    }

    static void deleteTree(Path root) throws IOException {
        try (var tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
