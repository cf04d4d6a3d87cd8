/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.netty.util.Version;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * jetcd 0.8.6 talks through Vert.x 5, which needs Netty 4.2. A build whose dependency management
 * pins Netty 4.1 (Spring Boot 3.x does) gives jetcd a classpath where its first call fails with
 * {@code NoClassDefFoundError: io/netty/channel/MultiThreadIoEventLoopGroup}, far from the cause.
 * This check turns that into an error that names the Netty versions found and the fix, before a
 * client is handed out.
 */
final class NettyClasspath {

    /** A Netty 4.2 class that Vert.x 5 creates its event loops with. */
    private static final String NETTY_42_CLASS = "io.netty.channel.MultiThreadIoEventLoopGroup";

    private static volatile boolean checked;

    private NettyClasspath() {
    }

    static void requireNetty42() {
        if (checked) {
            return;
        }
        try {
            Class.forName(NETTY_42_CLASS, false, NettyClasspath.class.getClassLoader());
            checked = true;
        } catch (ClassNotFoundException e) {
            throw new EmbeddedEtcdException("jetcd needs Netty 4.2, but this classpath has " + versions()
                    + ". Align Netty on 4.2: import io.github.embeddedetcd:embedded-etcd-bom before any other BOM "
                    + "that manages Netty (Spring Boot 3.x's spring-boot-dependencies does), or under "
                    + "spring-boot-starter-parent 3.x set the property netty.version to a 4.2 version. "
                    + "See docs/library.md, section 'Netty versions'.");
        }
    }

    /** The Netty jars found, by version: {@code 4.1.128.Final (netty-buffer, netty-common, ...)}. */
    private static String versions() {
        Map<String, TreeSet<String>> byVersion = new TreeMap<>();
        Version.identify(NettyClasspath.class.getClassLoader()).values().forEach(version -> byVersion
                .computeIfAbsent(version.artifactVersion(), v -> new TreeSet<>()).add(version.artifactId()));
        if (byVersion.isEmpty()) {
            return "no Netty jar";
        }
        return byVersion.entrySet().stream()
                .map(entry -> "Netty " + entry.getKey() + " (" + String.join(", ", entry.getValue()) + ")")
                .collect(Collectors.joining(" and "));
    }
}
