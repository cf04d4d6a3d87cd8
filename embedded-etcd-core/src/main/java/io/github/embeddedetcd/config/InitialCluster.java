/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.internal.config.Values;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** etcd's {@code initial-cluster}: member name to peer URLs, in the order given. */
final class InitialCluster {

    private InitialCluster() {
    }

    /** Parses etcd's {@code name=url,name=url} form; a name may appear once per URL. */
    static Map<String, List<URI>> parse(String text) {
        Map<String, List<URI>> cluster = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String trimmed = entry.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                throw new IllegalArgumentException("expects name=url pairs separated by commas, like "
                        + "node-1=http://127.0.0.1:2380,node-2=http://127.0.0.2:2380; '" + trimmed + "' is not one");
            }
            cluster.computeIfAbsent(trimmed.substring(0, eq), k -> new ArrayList<>())
                    .add(Values.url(trimmed.substring(eq + 1)));
        }
        return copyOf(cluster);
    }

    /** An unmodifiable copy keeping the order, each URL checked as the config file would. */
    static Map<String, List<URI>> copyOf(Map<String, List<URI>> cluster) {
        Map<String, List<URI>> copy = new LinkedHashMap<>();
        cluster.forEach((member, urls) -> copy.put(member, urls.stream().map(u -> Values.url(u.toString())).toList()));
        return Collections.unmodifiableMap(copy);
    }

    /** The {@code name=url,name=url} form. */
    static String flag(Map<String, List<URI>> cluster) {
        return cluster.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(u -> e.getKey() + "=" + u))
                .collect(Collectors.joining(","));
    }
}
