/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.internal.config.Values;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The keys a config file may hold, dotted for nested sections, each with how it is applied. */
final class ConfigKeys {

    /** Applies a key's values (one for a scalar, several for a YAML list) to a builder. */
    interface Setter extends BiConsumer<EtcdConfig.Builder, List<String>> {
    }

    static final String CLIENT_TLS = "client-transport-security";
    static final String PEER_TLS = "peer-transport-security";
    static final String EMBEDDED = "embedded";
    static final Set<String> SECTIONS = Set.of(CLIENT_TLS, PEER_TLS, EMBEDDED);

    private static final Map<String, Setter> KEYS = new LinkedHashMap<>();

    static {
        scalar("name", (b, v) -> b.name(Values.text(v)));
        scalar("data-dir", (b, v) -> b.dataDir(Path.of(Values.text(v))));
        scalar("wal-dir", (b, v) -> b.walDir(Path.of(Values.text(v))));
        urls("listen-peer-urls", EtcdConfig.Builder::listenPeerUrls);
        urls("listen-client-urls", EtcdConfig.Builder::listenClientUrls);
        urls("initial-advertise-peer-urls", EtcdConfig.Builder::initialAdvertisePeerUrls);
        urls("advertise-client-urls", EtcdConfig.Builder::advertiseClientUrls);
        KEYS.put("initial-cluster", (b, v) -> b.initialCluster(EtcdConfig.parseInitialCluster(String.join(",", v))));
        scalar("initial-cluster-token", (b, v) -> b.initialClusterToken(Values.text(v)));
        scalar("initial-cluster-state", (b, v) ->
                b.initialClusterState(ClusterState.valueOf(Values.oneOf(v, "new", "existing").toUpperCase(java.util.Locale.ROOT))));
        scalar("heartbeat-interval", (b, v) -> b.heartbeatIntervalMillis((int) Values.number(v, 1, EtcdConfig.RAFT_MILLIS_MAX)));
        scalar("election-timeout", (b, v) -> b.electionTimeoutMillis((int) Values.number(v, 1, EtcdConfig.RAFT_MILLIS_MAX)));
        scalar("snapshot-count", (b, v) -> b.snapshotCount(Values.number(v, 1, Long.MAX_VALUE)));
        scalar("quota-backend-bytes", (b, v) -> b.quotaBackendBytes(Values.number(v, 0, Long.MAX_VALUE)));
        scalar("max-snapshots", (b, v) -> b.maxSnapshots((int) Values.number(v, 0, Integer.MAX_VALUE)));
        scalar("max-wals", (b, v) -> b.maxWals((int) Values.number(v, 0, Integer.MAX_VALUE)));
        scalar("strict-reconfig-check", (b, v) -> b.strictReconfigCheck(Values.bool(v)));
        scalar("logger", (b, v) -> requireZap(v));
        scalar("log-level", (b, v) -> b.logLevel(Values.oneOf(v, EtcdConfig.LOG_LEVELS)));
        scalar("debug", (b, v) -> b.debug(Values.bool(v)));
        tls(CLIENT_TLS, b -> b.clientTransportSecurity(), EtcdConfig.Builder::clientTransportSecurity);
        tls(PEER_TLS, b -> b.peerTransportSecurity(), EtcdConfig.Builder::peerTransportSecurity);
        scalar("embedded.binary", (b, v) -> b.binary(Path.of(Values.text(v))));
        scalar("embedded.auto-promote", (b, v) -> b.autoPromote(Values.bool(v)));
        scalar("embedded.start-timeout", (b, v) -> b.startTimeout(Values.duration(v)));
        scalar("embedded.stop-timeout", (b, v) -> b.stopTimeout(Values.duration(v)));
        scalar("embedded.request-timeout", (b, v) -> b.requestTimeout(Values.duration(v)));
        KEYS.put("embedded.extra-args", EtcdConfig.Builder::extraArgs);
        KEYS.put("embedded.command-prefix", EtcdConfig.Builder::commandPrefix);
        scalar("embedded.join-timeout", (b, v) -> b.joinTimeout(Values.duration(v)));
        urls("embedded.join-endpoints", EtcdConfig.Builder::joinEndpoints);
        scalar("embedded.await-promotion", (b, v) -> b.awaitPromotion(Values.bool(v)));
        scalar("embedded.promotion-check-interval", (b, v) -> b.promotionCheckInterval(Values.duration(v)));
        scalar("embedded.learner-stall-timeout", (b, v) -> b.learnerStallTimeout(Values.duration(v)));
        scalar("embedded.reconfig-timeout", (b, v) -> b.reconfigTimeout(Values.duration(v)));
        scalar("embedded.cacert", (b, v) -> b.clientTls(b.clientTls().withCaFile(Path.of(Values.text(v)))));
        scalar("embedded.cert", (b, v) -> b.clientTls(new ClientTls(b.clientTls().caFile(),
                Path.of(Values.text(v)), b.clientTls().keyFile(), false)));
        scalar("embedded.key", (b, v) -> b.clientTls(new ClientTls(b.clientTls().caFile(),
                b.clientTls().certFile(), Path.of(Values.text(v)), false)));
        scalar("embedded.user", (b, v) -> b.user(Values.text(v)));
        scalar("embedded.password", (b, v) -> b.password(v));
        scalar("embedded.password-file", (b, v) -> b.passwordFile(Path.of(Values.text(v))));
        scalar("embedded.password-env", (b, v) -> b.passwordEnv(Values.text(v)));
    }

    private ConfigKeys() {
    }

    /** The setter for a dotted key, or null when the key is unknown. */
    static Setter setter(String dottedKey) {
        return KEYS.get(dottedKey);
    }

    /** Every known dotted key, in documentation order. */
    static Set<String> all() {
        return Collections.unmodifiableSet(KEYS.keySet());
    }

    private static void scalar(String key, BiConsumer<EtcdConfig.Builder, String> apply) {
        KEYS.put(key, (b, values) -> {
            if (values.size() != 1) {
                throw new IllegalArgumentException("expects a single value, got a list of " + values.size());
            }
            apply.accept(b, values.get(0));
        });
    }

    private static void urls(String key, BiFunction<EtcdConfig.Builder, List<java.net.URI>, EtcdConfig.Builder> apply) {
        KEYS.put(key, (b, values) -> apply.apply(b, Values.urls(String.join(",", values))));
    }

    private static void tls(String section, Function<EtcdConfig.Builder, TransportSecurity> get,
                            BiFunction<EtcdConfig.Builder, TransportSecurity, EtcdConfig.Builder> set) {
        scalar(section + ".cert-file", (b, v) -> set.apply(b, get.apply(b).withCertFile(Path.of(Values.text(v)))));
        scalar(section + ".key-file", (b, v) -> set.apply(b, get.apply(b).withKeyFile(Path.of(Values.text(v)))));
        scalar(section + ".client-cert-auth", (b, v) -> set.apply(b, get.apply(b).withClientCertAuth(Values.bool(v))));
        scalar(section + ".trusted-ca-file", (b, v) -> set.apply(b, get.apply(b).withTrustedCaFile(Path.of(Values.text(v)))));
        scalar(section + ".auto-tls", (b, v) -> set.apply(b, get.apply(b).withAutoTls(Values.bool(v))));
    }

    private static void requireZap(String value) {
        if (!value.trim().equals("zap")) {
            throw new IllegalArgumentException("embedded-etcd always runs etcd with logger zap so that its output "
                    + "reaches SLF4J; remove this key or set it to zap");
        }
    }
}
