/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses config values from their text form. Each method throws {@link IllegalArgumentException}
 * whose message says what was expected, for the caller to place (file, line, key).
 */
public final class Values {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Values() {
    }

    /** A comma-separated list of http(s) URLs with host and port, as etcd's URL flags take. */
    public static List<URI> urls(String text) {
        List<URI> urls = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                urls.add(url(part.trim()));
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("expects one or more URLs such as http://127.0.0.1:2379, got nothing");
        }
        return List.copyOf(urls);
    }

    /** One http(s) URL with host and port. */
    public static URI url(String text) {
        if (!text.contains("://")) {
            throw new IllegalArgumentException("'" + text + "' must start with http:// or https://, like "
                    + "http://127.0.0.1:2379");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL (" + e.getReason()
                    + "); write it like http://127.0.0.1:2379");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + text + "' must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("'" + text + "' needs a host and a port, like http://127.0.0.1:2379");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("'" + text + "' has port " + uri.getPort()
                    + ", but ports go from 1 to 65535; etcd's usual ones are 2379 (clients) and 2380 (peers)");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("'" + text + "' must not have a path (etcd URLs are scheme://host:port)");
        }
        return uri;
    }

    /** A whole number within [min, max]. */
    public static long number(String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expects a whole number, got '" + text + "'");
        }
        return within(value, min, max);
    }

    /** The number itself, when within [min, max]. */
    public static long within(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("expects a number from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** The duration itself, when longer than zero. */
    public static Duration positive(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("must be a positive duration such as 500ms or 30s, got "
                    + value.toMillis() + "ms");
        }
        return value;
    }

    /** {@code true} or {@code false}. */
    public static boolean bool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
            return true;
        }
        if (t.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("expects true or false, got '" + text + "'");
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 2m} or {@code 1h}. */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expects a duration such as 500ms, 30s, 2m or 1h, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        if (amount == 0) {
            throw new IllegalArgumentException("expects a positive duration such as 500ms or 30s, got '" + text + "'");
        }
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    /** One of the given words, case-insensitive; returns it in lower case. */
    public static String oneOf(String text, String... allowed) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("expects one of " + String.join(", ", allowed) + ", got '" + text + "'");
    }

    /** A non-blank single-line text. */
    public static String text(String text) {
        if (text.isBlank() || text.contains("\n")) {
            throw new IllegalArgumentException("expects a non-empty single-line value, got '" + text + "'");
        }
        return text.trim();
    }
}
