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
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Defaults are derived from what was set, never written back: any order of changes and builds gives the same result. */
class EtcdConfigDerivationTest {

    @TempDir
    Path dir;

    @Test
    void aConfigRenamedThroughTheMemberBuilderDerivesItsDefaultsAfresh() {
        EtcdConfig node1 = EtcdConfig.builder().name("node-1").build();

        EtcdConfig node2 = EmbeddedEtcd.builder().config(node1).configure(c -> c.name("node-2")).build().config();

        assertThat(node2.name()).isEqualTo("node-2");
        assertThat(node2.dataDir()).isEqualTo(Path.of("node-2.etcd").toAbsolutePath());
        assertThat(node2.initialCluster()).isEqualTo(Map.of("node-2", List.of(EtcdConfig.DEFAULT_PEER_URL)));
        assertThat(node1.name()).isEqualTo("node-1");
        assertThat(node1.initialClusterFlag()).isEqualTo("node-1=" + EtcdConfig.DEFAULT_PEER_URL);
    }

    @Test
    void oneBuilderBuiltTwiceAndChangedInBetweenStartsAfreshEachTime() {
        EtcdConfig.Builder builder = EtcdConfig.builder().name("a").peerUrl(URI.create("http://127.0.0.1:12380"));

        EtcdConfig first = builder.build();
        EtcdConfig again = builder.build();
        EtcdConfig renamed = builder.name("b").build();

        assertThat(again.toString()).isEqualTo(first.toString());
        assertThat(renamed.initialClusterFlag()).isEqualTo("b=http://127.0.0.1:12380");
        assertThat(renamed.dataDir().getFileName()).hasToString("b.etcd");
        assertThat(renamed.advertiseClientUrls()).isEqualTo(first.advertiseClientUrls());
    }

    @Test
    void theMemberBuilderCanBeBuiltAgainAfterAChange() {
        EmbeddedEtcd.Builder builder = EmbeddedEtcd.builder().configure(c -> c.name("x").dataDir(dir.resolve("x")));

        EmbeddedEtcd first = builder.build();
        EmbeddedEtcd second = builder.configure(c -> c.name("y")).build();

        assertThat(first.name()).isEqualTo("x");
        assertThat(second.name()).isEqualTo("y");
        assertThat(second.config().initialCluster()).containsOnlyKeys("y");
    }

    @Test
    void aCopyKeepsTheFileAndLineItsSettingsCameFrom() throws IOException {
        Path file = write("""
                name: node-1
                initial-cluster: node-1=http://127.0.0.1:2380
                """);
        EtcdConfig fromFile = ConfigFile.read(file).settings().build();

        assertThatThrownBy(() -> fromFile.toBuilder().name("node-2").build())
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).contains(file);
                    assertThat(e.line()).hasValue(2);
                })
                .hasMessageStartingWith(file + ":2: 'initial-cluster': has no entry for this member's name 'node-2'");
    }

    @Test
    void anApplicationReadsItsOwnKeysFromTheSameFile() throws IOException {
        Path file = write("""
                name: node-1
                embedded:
                  http-port: 3001
                  auto-promote: false
                """);

        ConfigFile config = ConfigFile.read(file, Set.of("embedded.http-port", "embedded.http-host"));

        assertThat(config.applicationValue("embedded.http-port")).contains("3001");
        assertThat(config.applicationValue("embedded.http-host")).isEmpty();
        assertThat(config.settings().build().autoPromote()).isFalse();
        assertThat(config.error("embedded.http-port", "expects a port").getMessage())
                .isEqualTo(file + ":3: 'embedded.http-port': expects a port");
    }

    @Test
    void withoutThemTheApplicationKeysAreUnknown() throws IOException {
        Path file = write("embedded:\n  http-port: 3001\n");

        assertThatThrownBy(() -> ConfigFile.read(file)).hasMessageContaining(":2: 'embedded.http-port': unknown key");
        assertThatThrownBy(() -> ConfigFile.read(file, Set.of("embedded.http-host")))
                .hasMessageContaining("did you mean 'embedded.http-host'?");
    }

    @Test
    void debugAndAnotherLogLevelContradictEachOther() throws IOException {
        Path file = write("name: n\nlog-level: warn\ndebug: true\n");

        assertThatThrownBy(() -> ConfigFile.read(file).settings().build())
                .hasMessage(file + ":3: 'debug': debug: true means log-level debug, but log-level is warn; keep one of the two");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("config.yaml"), yaml);
    }
}
