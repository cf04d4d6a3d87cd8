/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.ConfigException;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.TransportSecurity;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The member's {@link EtcdConfig} from the {@code embedded.etcd} properties, over the config file
 * they may name. The library checks the settings; its errors name the config file's key, and are
 * retold here with the property's name and where it was set (e.g. {@code application.yaml:4}).
 */
final class MemberSettings {

    private final EmbeddedEtcdProperties properties;
    private final Environment environment;

    MemberSettings(EmbeddedEtcdProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    EtcdConfig config() {
        EtcdConfig.Builder builder = properties.getConfig() == null ? EtcdConfig.builder()
                : ConfigFile.read(properties.getConfig()).settings();
        try {
            apply(builder);
            return builder.build();
        } catch (ConfigException e) {
            throw retold(e);
        }
    }

    private void apply(EtcdConfig.Builder b) {
        EmbeddedEtcdProperties p = properties;
        set("name", p.getName(), b::name);
        set("data-dir", p.getDataDir(), b::dataDir);
        set("wal-dir", p.getWalDir(), b::walDir);
        set("listen-client-urls", p.getListenClientUrls(), b::listenClientUrls);
        set("listen-peer-urls", p.getListenPeerUrls(), b::listenPeerUrls);
        set("advertise-client-urls", p.getAdvertiseClientUrls(), b::advertiseClientUrls);
        set("initial-advertise-peer-urls", p.getInitialAdvertisePeerUrls(), b::initialAdvertisePeerUrls);
        set("initial-cluster", p.getInitialCluster(), b::initialCluster);
        set("initial-cluster-token", p.getInitialClusterToken(), b::initialClusterToken);
        set("initial-cluster-state", p.getInitialClusterState(), state -> b.initialClusterState(clusterState(state)));
        set("heartbeat-interval", p.getHeartbeatInterval(), d -> b.heartbeatIntervalMillis(millis(d)));
        set("election-timeout", p.getElectionTimeout(), d -> b.electionTimeoutMillis(millis(d)));
        set("snapshot-count", p.getSnapshotCount(), b::snapshotCount);
        set("quota-backend-bytes", p.getQuotaBackendBytes(), b::quotaBackendBytes);
        set("max-snapshots", p.getMaxSnapshots(), b::maxSnapshots);
        set("max-wals", p.getMaxWals(), b::maxWals);
        set("strict-reconfig-check", p.getStrictReconfigCheck(), b::strictReconfigCheck);
        set("log-level", p.getLogLevel(), b::logLevel);
        set("debug", p.getDebug(), b::debug);
        b.clientTransportSecurity(transportSecurity(b.clientTransportSecurity(), p.getClientTransportSecurity()));
        b.peerTransportSecurity(transportSecurity(b.peerTransportSecurity(), p.getPeerTransportSecurity()));
        set("embedded.binary", p.getBinary(), b::binary);
        set("embedded.auto-promote", p.getAutoPromote(), b::autoPromote);
        set("embedded.join-endpoints", p.getJoinEndpoints(), b::joinEndpoints);
        set("embedded.await-promotion", p.getAwaitPromotion(), b::awaitPromotion);
        set("embedded.start-timeout", p.getStartTimeout(), b::startTimeout);
        set("embedded.stop-timeout", p.getStopTimeout(), b::stopTimeout);
        set("embedded.request-timeout", p.getRequestTimeout(), b::requestTimeout);
        set("embedded.join-timeout", p.getJoinTimeout(), b::joinTimeout);
        set("embedded.promotion-check-interval", p.getPromotionCheckInterval(), b::promotionCheckInterval);
        set("embedded.learner-stall-timeout", p.getLearnerStallTimeout(), b::learnerStallTimeout);
        set("embedded.reconfig-timeout", p.getReconfigTimeout(), b::reconfigTimeout);
        set("embedded.extra-args", p.getExtraArgs(), b::extraArgs);
        set("embedded.command-prefix", p.getCommandPrefix(), b::commandPrefix);
        if (Stream.of(p.getCacert(), p.getCert(), p.getKey()).anyMatch(Objects::nonNull)) {
            ClientTls file = b.clientTls();
            b.clientTls(new ClientTls(or(p.getCacert(), file.caFile()), or(p.getCert(), file.certFile()),
                    or(p.getKey(), file.keyFile()), false));
        }
        set("embedded.user", p.getUser(), b::user);
        if (Stream.of(p.getPassword(), p.getPasswordFile(), p.getPasswordEnv()).anyMatch(Objects::nonNull)) {
            // a password set here replaces the config file's, whichever kind that was
            b.password(p.getPassword()).passwordFile(p.getPasswordFile()).passwordEnv(p.getPasswordEnv());
        }
    }

    private static TransportSecurity transportSecurity(TransportSecurity file, EmbeddedEtcdProperties.TransportSecurity p) {
        TransportSecurity tls = file;
        tls = p.getCertFile() == null ? tls : tls.withCertFile(p.getCertFile());
        tls = p.getKeyFile() == null ? tls : tls.withKeyFile(p.getKeyFile());
        tls = p.getTrustedCaFile() == null ? tls : tls.withTrustedCaFile(p.getTrustedCaFile());
        tls = p.getClientCertAuth() == null ? tls : tls.withClientCertAuth(p.getClientCertAuth());
        return p.getAutoTls() == null ? tls : tls.withAutoTls(p.getAutoTls());
    }

    private static ClusterState clusterState(String value) {
        try {
            return ClusterState.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be new or existing, not '" + value + "'", e);
        }
    }

    private static int millis(Duration value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value.toMillis()));
    }

    /** A library error about a config key, told with the property's name and where it was set. */
    private ConfigException retold(ConfigException e) {
        if (e.key().isEmpty()) {
            return e;
        }
        String property = property(e.key().get());
        Optional<String> setHere = whereSet(property);
        if (e.file().isPresent() && setHere.isEmpty()) {
            return e;
        }
        ConfigException told = new ConfigException(property, e.problem() + setHere.map(where -> " (set in " + where + ")")
                .orElse(""));
        told.setStackTrace(e.getStackTrace());
        return told;
    }

    /**
     * Where a property is set, e.g. "class path resource [application.yaml] - 4:22", or the name of
     * its property source where it has no origin; empty when it is not set.
     */
    private Optional<String> whereSet(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return Optional.of(found.getOrigin() != null ? found.getOrigin().toString()
                        : source.getUnderlyingSource() instanceof PropertySource<?> named ? named.getName()
                        : "a property source");
            }
        }
        return Optional.empty();
    }

    /** The property of a config file key: embedded.etcd.data-dir for data-dir, embedded.etcd.user for embedded.user. */
    static String property(String key) {
        String withoutSection = key.startsWith("embedded.") ? key.substring("embedded.".length()) : key;
        return EmbeddedEtcdProperties.PREFIX + "." + withoutSection;
    }

    /** Applies a property that is set; the builder's refusal is told as the config key's, then retold with the property. */
    private static <T> void set(String key, T value, Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
