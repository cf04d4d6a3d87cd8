/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.EtcdVersion;

import java.util.List;
import java.util.Optional;

/**
 * One setting of a member, declared once in {@link Settings}: its config-file key, the type of its
 * value, its default, a line of documentation, the etcd flag it becomes, and the etcd versions that
 * know it. The config file, the builder ({@link EtcdConfig.Builder#set(Setting, Object)}), the Spring
 * Boot properties and the reference docs all come from these declarations.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    private final String key;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String defaultDescription;
    private final String description;
    private final String flag;
    private final EtcdVersion since;
    private final EtcdVersion until;
    private final List<String> defaultYieldsTo;

    Setting(String key, ValueType<T> type, T defaultValue, String defaultDescription, String description,
            String flag, EtcdVersion since, EtcdVersion until, List<String> defaultYieldsTo) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultDescription = defaultDescription;
        this.description = description;
        this.flag = flag;
        this.since = since;
        this.until = until;
        this.defaultYieldsTo = List.copyOf(defaultYieldsTo);
    }

    /** The config-file key, dotted for a section's keys: {@code embedded.join-timeout}. */
    public String key() {
        return key;
    }

    /** What the setting does, in a sentence. */
    public String description() {
        return description;
    }

    /** The value used when it is not set; empty when etcd's own default applies or it is derived. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default in words, for documentation: {@code 30s}, {@code this host's name}, {@code etcd's}. */
    public String defaultDescription() {
        return defaultDescription;
    }

    /** The etcd command-line flag it becomes, without dashes; empty for the library's own settings. */
    public Optional<String> etcdFlag() {
        return Optional.ofNullable(flag);
    }

    /** The first etcd version that knows it. */
    public EtcdVersion since() {
        return since;
    }

    /** The first etcd version that no longer knows it, if any. */
    public Optional<EtcdVersion> until() {
        return Optional.ofNullable(until);
    }

    /** Whether an etcd of this version knows the setting. */
    public boolean isKnownTo(EtcdVersion version) {
        return version.isAtLeast(since) && (until == null || !version.isAtLeast(until));
    }

    /**
     * The keys whose being given, in the config or as {@code embedded.extra-args}, means the
     * library passes no default for this etcd key: its own, and those it goes with
     * ({@code auto-compaction-mode} with {@code auto-compaction-retention}).
     */
    List<String> defaultYieldsTo() {
        return defaultYieldsTo;
    }

    /** Whether a config file may give it as a list (and a property as comma-separated items). */
    public boolean isList() {
        return type.isList();
    }

    /** The Java type of the value, spelled as Spring's configuration metadata does: {@code java.time.Duration}. */
    public String typeName() {
        return type.typeName();
    }

    /** Reads the value from a config file's text: one value, or the items of a list. */
    T parse(List<String> values) {
        return type.parse(values);
    }

    T check(T value) {
        return type.check(value);
    }

    /** The flag's value, as etcd reads it. */
    String render(T value) {
        return type.render(value);
    }

    @Override
    public String toString() {
        return key;
    }
}
