/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.EmbeddedEtcdException;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A configuration problem: an unknown key, a value of the wrong type, a bad URL, a missing file.
 * The message names the file, line and key where known, and says how to fix it.
 */
public class ConfigException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String key;
    private final String problem;

    public ConfigException(Path file, int line, String key, String problem) {
        super(describe(file, line, key, problem));
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
    }

    /** A problem with a programmatic setting (no file involved). */
    public ConfigException(String key, String problem) {
        this(null, 0, key, problem);
    }

    /** The config file, when the problem comes from one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The 1-based line in {@link #file()}, when known. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** The config key at fault (dotted for nested keys, e.g. {@code embedded.binary}), when known. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** What is wrong and what to do, without the file, line and key. */
    public String problem() {
        return problem;
    }

    private static String describe(Path file, int line, String key, String problem) {
        StringBuilder where = new StringBuilder();
        if (file != null) {
            where.append(file);
            if (line > 0) {
                where.append(':').append(line);
            }
            where.append(": ");
        }
        if (key != null) {
            where.append('\'').append(key).append("': ");
        }
        return where + problem;
    }
}
