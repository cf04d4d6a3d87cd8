/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Turns an {@link EtcdConfig} into etcd's command-line flags. etcd always logs with zap on stderr. */
final class EtcdFlags {

    private final List<String> args = new ArrayList<>();

    private EtcdFlags() {
    }

    static List<String> of(EtcdConfig config, ClusterState state) {
        EtcdFlags line = new EtcdFlags();
        line.flag("name", config.name());
        line.flag("data-dir", config.dataDir());
        line.flag("wal-dir", config.walDir());
        line.flag("listen-peer-urls", join(config.listenPeerUrls()));
        line.flag("listen-client-urls", join(config.listenClientUrls()));
        line.flag("initial-advertise-peer-urls", join(config.initialAdvertisePeerUrls()));
        line.flag("advertise-client-urls", join(config.advertiseClientUrls()));
        line.flag("initial-cluster", config.initialClusterFlag());
        line.flag("initial-cluster-state", state.flagValue());
        line.flag("initial-cluster-token", config.initialClusterToken());
        line.flag("heartbeat-interval", config.heartbeatIntervalMillis());
        line.flag("election-timeout", config.electionTimeoutMillis());
        line.flag("snapshot-count", config.snapshotCount());
        line.flag("quota-backend-bytes", config.quotaBackendBytes());
        line.flag("max-snapshots", config.maxSnapshots());
        line.flag("max-wals", config.maxWals());
        line.flag("strict-reconfig-check", config.strictReconfigCheck());
        line.flag("logger", "zap");
        line.flag("log-outputs", "stderr");
        line.flag("log-level", logLevel(config));
        line.tls("", config.clientTransportSecurity());
        line.tls("peer-", config.peerTransportSecurity());
        line.args.addAll(config.extraArgs());
        return List.copyOf(line.args);
    }

    /** {@code debug: true} means debug logging; etcd 3.5 dropped its {@code --debug} flag, so it becomes the log level. */
    private static String logLevel(EtcdConfig config) {
        return config.logLevel() == null && Boolean.TRUE.equals(config.debug()) ? "debug" : config.logLevel();
    }

    private void tls(String prefix, TransportSecurity tls) {
        flag(prefix + "cert-file", tls.certFile());
        flag(prefix + "key-file", tls.keyFile());
        flag(prefix + "trusted-ca-file", tls.trustedCaFile());
        if (tls.clientCertAuth()) {
            flag(prefix + "client-cert-auth", true);
        }
        if (tls.autoTls()) {
            flag(prefix + "auto-tls", true);
        }
    }

    private void flag(String name, Object value) {
        if (value != null) {
            args.add("--" + name + "=" + (value instanceof Path p ? p.toString() : value));
        }
    }

    private static String join(List<URI> urls) {
        return urls.stream().map(URI::toString).collect(Collectors.joining(","));
    }
}
