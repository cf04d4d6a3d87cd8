/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.config.Setting;
import io.github.embeddedetcd.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata of the {@code embedded.etcd} properties is generated from {@link Settings}: this
 * test fails when the file differs, and rewrites it when run with {@code -Dregenerate=true}.
 */
class ConfigurationMetadataTest {

    private static final Path FILE = Path.of("src/main/resources/META-INF/additional-spring-configuration-metadata.json");

    @Test
    void theMetadataDescribesEverySetting() throws IOException {
        String generated = "{\n  \"properties\": [\n" + Settings.all().stream().map(ConfigurationMetadataTest::property)
                .collect(Collectors.joining(",\n")) + "\n  ]\n}\n";
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(FILE, generated);
            return;
        }
        assertThat(ownResource("META-INF/additional-spring-configuration-metadata.json")).as(FILE + " differs from Settings; rewrite it with ./mvnw -pl "
                + "embedded-etcd-spring-boot-starter test -Dtest=ConfigurationMetadataTest -Dregenerate=true")
                .isEqualTo(generated);
    }

    @Test
    void theCompiledMetadataHoldsThemBesideTheProcessorsOwn() throws IOException {
        String compiled = ownResource("META-INF/spring-configuration-metadata.json");

        assertThat(compiled).contains("\"embedded.etcd.enabled\"", "\"embedded.etcd.config\"",
                "\"embedded.etcd.join-endpoints\"", "\"embedded.etcd.client-transport-security.cert-file\"");
    }

    /** A resource of the starter's own classes (a directory, or its jar when the tests run against the installed one). */
    private static String ownResource(String name) throws IOException {
        URL location = EmbeddedEtcdProperties.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader starterOnly = new URLClassLoader(new URL[] {location}, null);
             InputStream in = starterOnly.getResourceAsStream(name)) {
            assertThat(in).as("%s in %s", name, location).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String property(Setting<?> setting) {
        List<String> fields = new java.util.ArrayList<>(List.of(
                field("name", quoted(MemberSettings.property(setting.key()))),
                field("type", quoted(setting.typeName())),
                field("description", quoted(setting.description()))));
        setting.defaultValue().filter(value -> !(value instanceof List<?>)).ifPresent(value ->
                fields.add(field("defaultValue", value instanceof Boolean ? value.toString()
                        : quoted(setting.defaultDescription()))));
        return "    {\n" + String.join(",\n", fields) + "\n    }";
    }

    private static String field(String name, String json) {
        return "      \"" + name + "\": " + json;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
