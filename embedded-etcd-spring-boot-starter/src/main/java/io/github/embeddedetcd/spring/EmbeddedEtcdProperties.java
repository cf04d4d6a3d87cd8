/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * Whether the application runs a member, and the config file it starts from. The member's settings
 * sit beside these under {@code embedded.etcd}: every key of embedded-etcd's config file with the
 * same name, the {@code embedded:} section's keys directly under the prefix
 * ({@code embedded.join-endpoints} is {@code embedded.etcd.join-endpoints}). They are bound from the
 * table of {@link io.github.embeddedetcd.config.Settings}, checked as the config file's are, and
 * documented for IDEs in this jar's configuration metadata.
 */
@ConfigurationProperties(prefix = EmbeddedEtcdProperties.PREFIX)
public class EmbeddedEtcdProperties {

    /** The prefix of these properties. */
    public static final String PREFIX = "embedded.etcd";

    /** Whether to run an etcd member in this application. */
    private boolean enabled = true;
    /** An embedded-etcd YAML config file to start from; the properties set here override its keys. */
    private Path config;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Path getConfig() {
        return config;
    }

    public void setConfig(Path config) {
        this.config = config;
    }
}
