/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * An etcd user and where its password comes from: inline, a file, or an environment variable.
 * The password is read when it is needed and never shown: {@link #toString()} names only the user
 * and the source.
 */
public final class Credentials {

    private final String user;
    private final String source;
    private final Function<Credentials, String> password;

    private Credentials(String user, String source, Function<Credentials, String> password) {
        this.user = Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("an etcd user name must not be blank");
        }
        this.source = source;
        this.password = password;
    }

    /** A password given in code (or inline in a config file). Prefer a file or an environment variable. */
    public static Credentials of(String user, String password) {
        Objects.requireNonNull(password, "password");
        return new Credentials(user, "given inline", c -> password);
    }

    /** A password read from the first line of a file (trailing whitespace dropped) each time it is needed. */
    public static Credentials fromFile(String user, Path passwordFile) {
        Objects.requireNonNull(passwordFile, "passwordFile");
        return new Credentials(user, "from file " + passwordFile, c -> c.readFile(passwordFile));
    }

    /** A password read from an environment variable each time it is needed. */
    public static Credentials fromEnvironment(String user, String variable) {
        Objects.requireNonNull(variable, "variable");
        return new Credentials(user, "from environment variable " + variable, c -> c.readEnvironment(variable));
    }

    public String user() {
        return user;
    }

    /**
     * The password, read now from its source.
     *
     * @throws ConfigException naming the file or variable when it cannot be read
     */
    public String password() {
        return password.apply(this);
    }

    private String readFile(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            String firstLine = content.lines().findFirst().orElse("").strip();
            if (firstLine.isEmpty()) {
                throw new ConfigException("embedded.password-file", "the password file " + file + " of user '" + user
                        + "' is empty; write the password on its first line");
            }
            return firstLine;
        } catch (IOException e) {
            throw new ConfigException("embedded.password-file", "cannot read the password file " + file + " of user '"
                    + user + "': " + e.getClass().getSimpleName() + "; check that it exists and is readable by this user");
        }
    }

    private String readEnvironment(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new ConfigException("embedded.password-env", "the environment variable " + variable
                    + " that should hold the password of user '" + user + "' is not set");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Credentials{user=" + user + ", password " + source + "}";
    }
}
