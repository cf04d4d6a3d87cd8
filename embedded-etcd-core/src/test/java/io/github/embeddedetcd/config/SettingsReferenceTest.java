/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.EtcdVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings tables of docs/configuration.md are generated from {@link Settings}: this test fails
 * when they differ, and rewrites them when run with {@code -Dregenerate=true}.
 */
class SettingsReferenceTest {

    private static final String BEGIN = "<!-- settings: generated from Settings by SettingsReferenceTest -->\n";
    private static final String END = "<!-- settings end -->\n";

    @Test
    void theDocsListEverySettingAsDeclared() throws IOException {
        Path docs = Path.of("../docs/configuration.md");
        String text = Files.readString(docs);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has the markers %s and %s", docs, BEGIN, END).isGreaterThanOrEqualTo(0)
                .isLessThan(end);
        String generated = BEGIN + tables() + END;
        String current = text.substring(begin, end + END.length());
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(docs, text.substring(0, begin) + generated + text.substring(end + END.length()));
            return;
        }
        assertThat(current).as("docs/configuration.md's settings tables differ from Settings; rewrite them with "
                + "./mvnw -pl embedded-etcd-core test -Dtest=SettingsReferenceTest -Dregenerate=true").isEqualTo(generated);
    }

    private static String tables() {
        return "\n### etcd's keys\n\n" + table(s -> !s.key().startsWith("embedded."), true)
                + "\n### The `embedded:` section\n\n" + table(s -> s.key().startsWith("embedded."), false) + "\n";
    }

    private static String table(Predicate<Setting<?>> which, boolean etcdKeys) {
        StringBuilder table = new StringBuilder(etcdKeys ? "| Key | Default | etcd | What it does |\n|---|---|---|---|\n"
                : "| Key | Default | What it does |\n|---|---|---|\n");
        for (Setting<?> setting : Settings.all().stream().filter(which).toList()) {
            table.append("| `").append(setting.key()).append("` | ").append(setting.defaultDescription().replace("<", "&lt;"))
                    .append(" | ");
            if (etcdKeys) {
                table.append(versions(setting)).append(" | ");
            }
            table.append(setting.description()).append(" |\n");
        }
        return table.toString();
    }

    private static String versions(Setting<?> setting) {
        return setting.until().map(until -> minor(setting.since()) + " only").orElse(minor(setting.since()) + "+");
    }

    /** 3.4, or 3.5.5 where a patch release brought the key. */
    private static String minor(EtcdVersion version) {
        return version.major() + "." + version.minor() + (version.patch() == 0 ? "" : "." + version.patch());
    }
}
