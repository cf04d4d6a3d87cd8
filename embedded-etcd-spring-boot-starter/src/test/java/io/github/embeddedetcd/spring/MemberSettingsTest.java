/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.EtcdVersion;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.ConfigException;
import io.github.embeddedetcd.config.EtcdConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the properties merge with the config file they name. */
class MemberSettingsTest {

    @TempDir
    Path dir;

    @Test
    void aPasswordPropertyCompletesTheConfigFilesUser() throws Exception {
        Path file = Files.writeString(dir.resolve("etcd.yaml"), "name: n1\nembedded:\n  user: root\n  password: from-file\n");
        Path passwordFile = Files.writeString(dir.resolve("password"), "from-property\n");
        EmbeddedEtcdProperties properties = new EmbeddedEtcdProperties();
        properties.setConfig(file);

        EtcdConfig config = new MemberSettings(properties, environment(Map.of("embedded.etcd.password-file",
                passwordFile.toString()))).config();

        assertThat(config.credentials()).hasValueSatisfying(credentials -> {
            assertThat(credentials.user()).isEqualTo("root");
            assertThat(credentials.password()).isEqualTo("from-property");
        });
    }

    @Test
    void listsAndSectionsAreBoundAsInTheConfigFile() {
        EtcdConfig config = new MemberSettings(new EmbeddedEtcdProperties(), environment(Map.of(
                "embedded.etcd.name", "n1",
                "embedded.etcd.join-endpoints", "http://127.0.0.1:2379,http://127.0.0.2:2379",
                "embedded.etcd.extra-args[0]", "--cors=a,b",
                "embedded.etcd.client-transport-security.auto-tls", "true",
                "embedded.etcd.listen-client-urls", "https://127.0.0.1:2379",
                "embedded.etcd.auto-compaction-retention", "30m"))).config();

        assertThat(config.joinEndpoints()).hasSize(2);
        assertThat(config.extraArgs()).containsExactly("--cors=a,b");
        assertThat(config.clientTransportSecurity().autoTls()).isTrue();
        assertThat(config.etcdFlags(ClusterState.NEW, EtcdVersion.MINIMUM)).contains("--auto-compaction-retention=30m");
    }

    @Test
    void aMisspeltPropertyIsAnErrorNamingTheNearestOne() {
        MemberSettings settings = new MemberSettings(new EmbeddedEtcdProperties(),
                environment(Map.of("embedded.etcd.join-endpoint", "http://127.0.0.1:2379")));

        assertThatThrownBy(settings::config).isInstanceOf(ConfigException.class)
                .hasMessage("'embedded.etcd.join-endpoint': unknown property; did you mean 'embedded.etcd.join-endpoints'?");
    }

    @Test
    void aBadValueIsTheConfigFilesErrorToldWithThePropertyAndItsSource() {
        MemberSettings settings = new MemberSettings(new EmbeddedEtcdProperties(),
                environment(Map.of("embedded.etcd.snapshot-count", "-1")));

        assertThatThrownBy(settings::config).hasMessage("'embedded.etcd.snapshot-count': expects a number from 1 to "
                + Long.MAX_VALUE + ", got -1 (set in \"embedded.etcd.snapshot-count\" from property source \"test\")");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    @Test
    void aPropertyNamesTheConfigKeyItStandsFor() {
        assertThat(MemberSettings.property("data-dir")).isEqualTo("embedded.etcd.data-dir");
        assertThat(MemberSettings.property("embedded.join-endpoints")).isEqualTo("embedded.etcd.join-endpoints");
        assertThat(MemberSettings.property("client-transport-security.cert-file"))
                .isEqualTo("embedded.etcd.client-transport-security.cert-file");
    }
}
