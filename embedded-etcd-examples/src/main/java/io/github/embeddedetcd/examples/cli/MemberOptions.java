/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.examples.http.HttpSettings;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The optional CONFIG argument shared by the commands that act as this member. */
final class MemberOptions {

    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "etcd YAML config file (default: the embedded defaults).")
    Path config;

    private ConfigFile file;
    private final List<Consumer<EtcdConfig.Builder>> changes = new ArrayList<>();

    /** The options of a member of this config file, for a command that acts on several. */
    static MemberOptions of(Path config) {
        MemberOptions options = new MemberOptions();
        options.config = config;
        return options;
    }

    /** A change the command makes to the config file's settings (e.g. an option of its own). */
    void configure(Consumer<EtcdConfig.Builder> change) {
        changes.add(change);
    }

    /** The config file, read once, with the HTTP service's own keys. */
    private ConfigFile file() {
        if (file == null && config != null) {
            file = ConfigFile.read(config, HttpSettings.KEYS);
        }
        return file;
    }

    EmbeddedEtcd.Builder builder() {
        EmbeddedEtcd.Builder builder = EmbeddedEtcd.builder();
        if (file() != null) {
            builder.config(file());
        }
        changes.forEach(builder::configure);
        return builder;
    }

    /** The member's settings, from the config file or the defaults. */
    EtcdConfig settings() {
        EtcdConfig.Builder settings = file() == null ? EtcdConfig.builder() : file().settings();
        changes.forEach(change -> change.accept(settings));
        return settings.build();
    }

    HttpSettings http() {
        return file() == null ? HttpSettings.DEFAULT : HttpSettings.from(file());
    }
}
