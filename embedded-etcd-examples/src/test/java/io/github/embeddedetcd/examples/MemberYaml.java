/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A member's config file as docs/backup.md's runbooks use them: member {@code name} on its own
 * loopback address (etcd's default ports), its data in {@code <dir>/<name>.etcd}, fast raft timings.
 */
final class MemberYaml {

    private MemberYaml() {
    }

    /** Writes {@code <dir>/<name>.yaml}, with {@code embedded.join-endpoints} when given. */
    static Path write(Path dir, String name, String host, Optional<URI> joinEndpoint) throws IOException {
        String join = joinEndpoint.map(url -> "  join-endpoints: " + url + "\n").orElse("");
        return Files.writeString(dir.resolve(name + ".yaml"), """
                name: %s
                data-dir: %s
                listen-peer-urls: http://%s:2380
                listen-client-urls: http://%s:2379
                initial-cluster: %s=http://%s:2380
                heartbeat-interval: 10
                election-timeout: 100
                embedded:
                  http-host: %s
                %s""".formatted(name, dataDir(dir, name), host, host, name, host, host, join));
    }

    static Path dataDir(Path dir, String name) {
        return dir.resolve(name + ".etcd");
    }

    static URI clientUrl(String host) {
        return URI.create("http://" + host + ":2379");
    }
}
