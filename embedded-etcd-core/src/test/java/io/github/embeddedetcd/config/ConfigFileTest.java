/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.EmbeddedEtcd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSeedConfigKeysAndTheEmbeddedSection() throws IOException {
        Path file = write("""
                name: mk8s-0
                data-dir: /var/lib/etcd/mk8s-0
                listen-peer-urls: http://127.0.0.11:2380
                listen-client-urls: http://127.0.0.11:2379,http://127.0.0.1:12379
                initial-advertise-peer-urls: http://127.0.0.11:2380
                advertise-client-urls:
                  - http://127.0.0.11:2379
                initial-cluster: mk8s-0=http://127.0.0.11:2380
                initial-cluster-token: seed
                initial-cluster-state: new
                heartbeat-interval: 50
                election-timeout: 500
                snapshot-count: 10000
                strict-reconfig-check: true
                logger: zap
                log-level: warn
                client-transport-security:
                  auto-tls: true
                embedded:
                  binary: /opt/etcd/etcd
                  auto-promote: false
                  start-timeout: 45s
                  stop-timeout: 500ms
                  extra-args: ["--auto-compaction-retention=1"]
                """);

        EtcdConfig config = ConfigFile.read(file).settings().build();

        assertThat(config.name()).isEqualTo("mk8s-0");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/etcd/mk8s-0"));
        assertThat(config.listenClientUrls()).containsExactly(URI.create("http://127.0.0.11:2379"),
                URI.create("http://127.0.0.1:12379"));
        assertThat(config.advertiseClientUrls()).containsExactly(URI.create("http://127.0.0.11:2379"));
        assertThat(config.initialClusterFlag()).isEqualTo("mk8s-0=http://127.0.0.11:2380");
        assertThat(config.initialClusterState()).isEqualTo(ClusterState.NEW);
        assertThat(config.heartbeatIntervalMillis()).isEqualTo(50);
        assertThat(config.electionTimeoutMillis()).isEqualTo(500);
        assertThat(config.logLevel()).isEqualTo("warn");
        assertThat(config.clientTransportSecurity().autoTls()).isTrue();
        assertThat(config.binary()).isEqualTo(Path.of("/opt/etcd/etcd"));
        assertThat(config.autoPromote()).isFalse();
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.stopTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.extraArgs()).containsExactly("--auto-compaction-retention=1");
    }

    @Test
    void defaultsWithoutAFile() {
        EtcdConfig config = EtcdConfig.builder().name("n1").build();

        assertThat(config.listenClientUrls()).containsExactly(URI.create("http://127.0.0.1:2379"));
        assertThat(config.initialAdvertisePeerUrls()).containsExactly(URI.create("http://127.0.0.1:2380"));
        assertThat(config.initialClusterFlag()).isEqualTo("n1=http://127.0.0.1:2380");
        assertThat(config.dataDir()).isEqualTo(Path.of("n1.etcd").toAbsolutePath());
        assertThat(config.autoPromote()).isTrue();
    }

    @Test
    void aMisspeltKeyNamesFileLineKeyAndTheNearestKey() throws IOException {
        Path file = write("""
                name: node-1
                data-dri: /tmp/x
                """);

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).contains(file);
                    assertThat(e.line()).hasValue(2);
                    assertThat(e.key()).contains("data-dri");
                })
                .hasMessageStartingWith(file + ":2: 'data-dri': unknown key; did you mean 'data-dir'?");
    }

    @Test
    void aNestedKeyAtTheTopLevelPointsToItsSection() throws IOException {
        Path file = write("cert-file: /etc/etcd/server.crt\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessageContaining(":1: 'cert-file': unknown key; did you mean 'client-transport-security.cert-file' "
                        + "(under the 'client-transport-security:' section)?");
    }

    @Test
    void aMisspeltKeyInTheEmbeddedSection() throws IOException {
        Path file = write("""
                embedded:
                  auto-promot: true
                """);

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessageContaining(":2: 'embedded.auto-promot': unknown key; did you mean 'embedded.auto-promote'?");
    }

    @Test
    void aValueOfTheWrongType() throws IOException {
        Path file = write("""
                name: node-1
                heartbeat-interval: fast
                """);

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessage(file + ":2: 'heartbeat-interval': expects a whole number, got 'fast'");
    }

    @Test
    void aBadUrl() throws IOException {
        Path file = write("""
                listen-client-urls: http://127.0.0.1:2379,htp://127.0.0.1:22379
                """);

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessage(file + ":1: 'listen-client-urls': 'htp://127.0.0.1:22379' must start with http:// or https://");
    }

    @Test
    void aUrlWithoutPort() throws IOException {
        Path file = write("listen-peer-urls: http://127.0.0.1\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessageContaining(":1: 'listen-peer-urls': 'http://127.0.0.1' needs a host and a port");
    }

    @Test
    void aBadDuration() throws IOException {
        Path file = write("embedded:\n  start-timeout: 30\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessage(file + ":2: 'embedded.start-timeout': expects a duration such as 500ms, 30s, 2m or 1h, got '30'");
    }

    @Test
    void aDuplicateKey() throws IOException {
        Path file = write("name: a\ndata-dir: /tmp/a\nname: b\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessage(file + ":3: 'name': appears twice (first at line 1); keep one of them");
    }

    @Test
    void aSectionWrittenAsAValue() throws IOException {
        Path file = write("embedded: true\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessageContaining(":1: 'embedded': is a section: put its keys on indented lines below it");
    }

    @Test
    void invalidYamlNamesTheLine() throws IOException {
        Path file = write("name: a\n  data-dir: [unclosed\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file + ":2: not valid YAML");
    }

    @Test
    void aMissingFile() {
        Path file = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessage(file + ": config file not found (looked at " + file.toAbsolutePath()
                        + "); pass an existing file, or none to use the defaults");
    }

    @Test
    void anInitialClusterWithoutThisMemberNamesTheLine() throws IOException {
        Path file = write("""
                name: node-2
                initial-cluster: node-1=http://127.0.0.1:2380
                """);

        assertThatThrownBy(() -> ConfigFile.read(file).settings().build())
                .hasMessageStartingWith(file + ":2: 'initial-cluster': has no entry for this member's name 'node-2'");
    }

    @Test
    void electionTimeoutMustBeFiveHeartbeats() throws IOException {
        Path file = write("heartbeat-interval: 100\nelection-timeout: 200\n");

        assertThatThrownBy(() -> ConfigFile.read(file).settings().build())
                .hasMessage(file + ":2: 'election-timeout': must be at least 5 times heartbeat-interval (100 ms), got 200 ms");
    }

    @Test
    void aWildcardListenAddressNeedsAnAdvertisedUrl() throws IOException {
        Path file = write("listen-client-urls: http://0.0.0.0:2379\n");

        assertThatThrownBy(() -> ConfigFile.read(file).settings().build())
                .hasMessageContaining("'advertise-client-urls': is needed because the listen URL http://0.0.0.0:2379 binds every address");
    }

    @Test
    void aBadConfigLeavesTheDataDirUntouched() throws IOException {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Files.writeString(dataDir.resolve("keep.txt"), "precious");
        Path file = write("data-dir: " + dataDir + "\nsnapshot-count: lots\n");

        assertThatThrownBy(() -> EmbeddedEtcd.builder().config(file).build()).isInstanceOf(ConfigException.class);

        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).containsExactly(dataDir.resolve("keep.txt"));
        }
        assertThat(Files.readString(dataDir.resolve("keep.txt"))).isEqualTo("precious");
        assertThat(Files.readString(file)).contains("snapshot-count: lots");
    }

    @Test
    void theLoggerMustBeZap() throws IOException {
        Path file = write("logger: capnslog\n");

        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessageContaining("always runs etcd with logger zap");
    }

    @Test
    void anEmptyFileIsAMistakeNotDefaults() throws IOException {
        Path empty = write("");
        Path onlyComments = Files.writeString(dir.resolve("comments.yaml"), "# name: node-1\n");

        assertThatThrownBy(() -> ConfigFile.read(empty)).hasMessage(empty + ": the file holds no settings (it is "
                + "empty or only comments); add settings such as 'name: node-1', or pass no config file to use the defaults");
        assertThatThrownBy(() -> ConfigFile.read(onlyComments)).hasMessageContaining("holds no settings");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }
}
