/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.ConfigException;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.Credentials;
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

    private static final String PREFIX_ALL = EmbeddedEtcdProperties.PREFIX + ".*";

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
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PREFIX_ALL, e.getMessage());
        }
    }

    private void apply(EtcdConfig.Builder b) {
        EmbeddedEtcdProperties p = properties;
        set(p.getName(), b::name);
        set(p.getDataDir(), b::dataDir);
        set(p.getWalDir(), b::walDir);
        set(p.getListenClientUrls(), b::listenClientUrls);
        set(p.getListenPeerUrls(), b::listenPeerUrls);
        set(p.getAdvertiseClientUrls(), b::advertiseClientUrls);
        set(p.getInitialAdvertisePeerUrls(), b::initialAdvertisePeerUrls);
        set(p.getInitialCluster(), b::initialCluster);
        set(p.getInitialClusterToken(), b::initialClusterToken);
        set(p.getInitialClusterState(), state -> b.initialClusterState(clusterState(state)));
        set(p.getHeartbeatInterval(), d -> b.heartbeatIntervalMillis(millis("heartbeat-interval", d)));
        set(p.getElectionTimeout(), d -> b.electionTimeoutMillis(millis("election-timeout", d)));
        set(p.getSnapshotCount(), b::snapshotCount);
        set(p.getQuotaBackendBytes(), b::quotaBackendBytes);
        set(p.getMaxSnapshots(), b::maxSnapshots);
        set(p.getMaxWals(), b::maxWals);
        set(p.getStrictReconfigCheck(), b::strictReconfigCheck);
        set(p.getLogLevel(), b::logLevel);
        set(p.getDebug(), b::debug);
        b.clientTransportSecurity(transportSecurity(b.clientTransportSecurity(), p.getClientTransportSecurity()));
        b.peerTransportSecurity(transportSecurity(b.peerTransportSecurity(), p.getPeerTransportSecurity()));
        set(p.getBinary(), b::binary);
        set(p.getAutoPromote(), b::autoPromote);
        set(p.getJoinEndpoints(), b::joinEndpoints);
        set(p.getAwaitPromotion(), b::awaitPromotion);
        set(p.getStartTimeout(), b::startTimeout);
        set(p.getStopTimeout(), b::stopTimeout);
        set(p.getRequestTimeout(), b::requestTimeout);
        set(p.getJoinTimeout(), b::joinTimeout);
        set(p.getPromotionCheckInterval(), b::promotionCheckInterval);
        set(p.getLearnerStallTimeout(), b::learnerStallTimeout);
        set(p.getReconfigTimeout(), b::reconfigTimeout);
        set(p.getExtraArgs(), b::extraArgs);
        set(p.getCommandPrefix(), b::commandPrefix);
        if (Stream.of(p.getCacert(), p.getCert(), p.getKey()).anyMatch(Objects::nonNull)) {
            ClientTls file = b.clientTls();
            b.clientTls(new ClientTls(or(p.getCacert(), file.caFile()), or(p.getCert(), file.certFile()),
                    or(p.getKey(), file.keyFile()), false));
        }
        credentials().ifPresent(b::credentials);
    }

    private Optional<Credentials> credentials() {
        EmbeddedEtcdProperties p = properties;
        long passwords = Stream.of(p.getPassword(), p.getPasswordFile(), p.getPasswordEnv()).filter(Objects::nonNull).count();
        if (p.getUser() == null) {
            if (passwords > 0) {
                throw new ConfigException("embedded.user", "a password is set but no user; set "
                        + property("user") + " to the etcd user it belongs to");
            }
            return Optional.empty();
        }
        if (passwords != 1) {
            throw new ConfigException("embedded.user", "needs exactly one of " + property("password") + ", "
                    + property("password-file") + " or " + property("password-env") + " (" + passwords + " are set)");
        }
        if (p.getPasswordFile() != null) {
            return Optional.of(Credentials.fromFile(p.getUser(), p.getPasswordFile()));
        }
        if (p.getPasswordEnv() != null) {
            return Optional.of(Credentials.fromEnvironment(p.getUser(), p.getPasswordEnv()));
        }
        return Optional.of(Credentials.of(p.getUser(), p.getPassword()));
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
            throw new ConfigException("initial-cluster-state", "must be new or existing, not '" + value + "'");
        }
    }

    private static int millis(String key, Duration value) {
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new ConfigException(key, "must be a positive duration, not " + value);
        }
        return (int) value.toMillis();
    }

    /** A library error about a config key, told with the property's name and where it was set. */
    private ConfigException retold(ConfigException e) {
        if (e.key().isEmpty() || e.file().isPresent() && !setHere(e.key().get())) {
            return e;
        }
        String property = property(e.key().get());
        ConfigException told = new ConfigException(property, e.problem() + origin(property));
        told.setStackTrace(e.getStackTrace());
        return told;
    }

    private boolean setHere(String key) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property(key), '.');
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.getConfigurationProperty(name) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a property was set, as " (set in class path resource [application.yaml] - 4:22)", or
     * the name of its property source where it has no origin; "" when it is not set.
     */
    private String origin(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                Object where = found.getOrigin() != null ? found.getOrigin()
                        : source.getUnderlyingSource() instanceof PropertySource<?> named ? named.getName() : null;
                return where == null ? "" : " (set in " + where + ")";
            }
        }
        return "";
    }

    /** The property of a config file key: embedded.etcd.data-dir for data-dir, embedded.etcd.user for embedded.user. */
    static String property(String key) {
        String withoutSection = key.startsWith("embedded.") ? key.substring("embedded.".length()) : key;
        return EmbeddedEtcdProperties.PREFIX + "." + withoutSection;
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
