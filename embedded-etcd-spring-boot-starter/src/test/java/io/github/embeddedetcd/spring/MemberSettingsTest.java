/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.config.EtcdConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

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
        properties.setPasswordFile(passwordFile);

        EtcdConfig config = new MemberSettings(properties, new StandardEnvironment()).config();

        assertThat(config.credentials()).hasValueSatisfying(credentials -> {
            assertThat(credentials.user()).isEqualTo("root");
            assertThat(credentials.password()).isEqualTo("from-property");
        });
    }

    @Test
    void aPropertyNamesTheConfigKeyItStandsFor() {
        assertThat(MemberSettings.property("data-dir")).isEqualTo("embedded.etcd.data-dir");
        assertThat(MemberSettings.property("embedded.join-endpoints")).isEqualTo("embedded.etcd.join-endpoints");
        assertThat(MemberSettings.property("client-transport-security.cert-file"))
                .isEqualTo("embedded.etcd.client-transport-security.cert-file");
    }
}
