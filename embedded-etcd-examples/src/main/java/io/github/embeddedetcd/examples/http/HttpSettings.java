/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.http;

import io.github.embeddedetcd.config.ConfigFile;

import java.util.Set;

/**
 * Where and how a member's HTTP service listens: {@code embedded.http-host},
 * {@code embedded.http-port} and {@code embedded.http-tls} in the member's config file, next to
 * the library's own {@code embedded:} keys.
 *
 * @param host  address to bind (default 127.0.0.1: the member table is not for the whole network)
 * @param port  port to bind (default 3000; 0 picks a free one)
 * @param https serve HTTPS with the member's own client-URL certificate (default false)
 */
public record HttpSettings(String host, int port, boolean https) {

    public static final String HOST_KEY = "embedded.http-host";
    public static final String PORT_KEY = "embedded.http-port";
    public static final String TLS_KEY = "embedded.http-tls";
    /** The keys to accept when reading a member's config file. */
    public static final Set<String> KEYS = Set.of(HOST_KEY, PORT_KEY, TLS_KEY);
    public static final HttpSettings DEFAULT = new HttpSettings("127.0.0.1", 3000, false);

    /** The settings in the file, defaults where it has none; a bad value names the file and line. */
    public static HttpSettings from(ConfigFile file) {
        String host = file.applicationValue(HOST_KEY).map(String::trim).orElse(DEFAULT.host());
        int port = file.applicationValue(PORT_KEY).map(text -> port(file, text)).orElse(DEFAULT.port());
        boolean https = file.applicationValue(TLS_KEY).map(text -> https(file, text)).orElse(DEFAULT.https());
        return new HttpSettings(host, port, https);
    }

    private static boolean https(ConfigFile file, String text) {
        String value = text.trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw file.error(TLS_KEY, "expects true or false, got '" + text + "'");
        }
        boolean https = Boolean.parseBoolean(value);
        if (https && !MemberCertificate.exists(file.settings().build())) {
            throw file.error(TLS_KEY, "serves HTTPS with the member's certificate, and this member has none: set "
                    + "client-transport-security.cert-file and key-file (or auto-tls: true), or set " + TLS_KEY + ": false");
        }
        return https;
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
