/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.config.Setting;
import io.github.embeddedetcd.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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
        }
        assertThat(Files.readString(FILE)).as(FILE + " differs from Settings; rewrite it with ./mvnw -pl "
                + "embedded-etcd-spring-boot-starter test -Dtest=ConfigurationMetadataTest -Dregenerate=true")
                .isEqualTo(generated);
    }

    @Test
    void theCompiledMetadataHoldsThemBesideTheProcessorsOwn() throws IOException {
        String compiled = Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json"));

        assertThat(compiled).contains("\"embedded.etcd.enabled\"", "\"embedded.etcd.config\"",
                "\"embedded.etcd.join-endpoints\"", "\"embedded.etcd.client-transport-security.cert-file\"");
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
