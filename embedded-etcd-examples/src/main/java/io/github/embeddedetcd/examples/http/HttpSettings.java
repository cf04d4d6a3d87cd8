/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.http;

import io.github.embeddedetcd.config.ConfigFile;

import java.util.Set;

/**
 * Where a member's HTTP service listens: {@code embedded.http-host} and {@code embedded.http-port}
 * in the member's config file, next to the library's own {@code embedded:} keys.
 *
 * @param host address to bind (default 127.0.0.1: the member table is not for the whole network)
 * @param port port to bind (default 3000; 0 picks a free one)
 */
public record HttpSettings(String host, int port) {

    public static final String HOST_KEY = "embedded.http-host";
    public static final String PORT_KEY = "embedded.http-port";
    /** The keys to accept when reading a member's config file. */
    public static final Set<String> KEYS = Set.of(HOST_KEY, PORT_KEY);
    public static final HttpSettings DEFAULT = new HttpSettings("127.0.0.1", 3000);

    /** The settings in the file, defaults where it has none; a bad port names the file and line. */
    public static HttpSettings from(ConfigFile file) {
        String host = file.applicationValue(HOST_KEY).map(String::trim).orElse(DEFAULT.host());
        int port = file.applicationValue(PORT_KEY).map(text -> port(file, text)).orElse(DEFAULT.port());
        return new HttpSettings(host, port);
    }

    private static int port(ConfigFile file, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw file.error(PORT_KEY, "expects a port from 0 to 65535, got '" + text + "'");
    }
}
