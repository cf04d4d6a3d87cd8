/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.EtcdVersion;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.github.embeddedetcd.config.Settings.*;

/**
 * The settings of one etcd member: etcd's own config-file keys plus the {@code embedded:} section,
 * each declared in {@link Settings}. Immutable; build one with {@link #builder()} or read one with
 * {@link ConfigFile#read(Path)}. Settings left unset take their {@link Setting#defaultValue()}, or
 * etcd's own default.
 */
public final class EtcdConfig {

    /** Default client URL when none is configured. */
    public static final URI DEFAULT_CLIENT_URL = URI.create("http://127.0.0.1:2379");
    /** Default peer URL when none is configured. */
    public static final URI DEFAULT_PEER_URL = URI.create("http://127.0.0.1:2380");

    /** The longest heartbeat interval or election timeout etcd is given, in ms. */
    static final int RAFT_MILLIS_MAX = 50_000;
    static final String[] LOG_LEVELS = {"debug", "info", "warn", "error", "panic", "fatal"};

    /** What was set, exactly as set: {@link #toBuilder()} starts from it. */
    private final Builder given;
    /** Every setting in effect, defaults and derived values filled in; etcd's defaults stay absent. */
    private final Map<Setting<?>, Object> values;
    private final ClientTls clientTls;
    private final Credentials credentials;

    private EtcdConfig(Builder given) {
        this.given = given;
        ConfigDerivation derivation = new ConfigDerivation(given);
        values = derivation.values();
        clientTls = derivation.clientTls();
        credentials = derivation.credentials();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding the settings this config was built from (not the defaults filled in), so
     * that a changed copy derives its defaults afresh: a new name also gets its own data dir.
     */
    public Builder toBuilder() {
        return new Builder(given);
    }

    /** A setting's value in effect (as set, else its default or the value derived from others); null for etcd's default. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /** Whether the setting was given (in code, a config file or a property) rather than left to its default. */
    public boolean isSet(Setting<?> setting) {
        return given.values.containsKey(setting);
    }

    public String name() { return get(NAME); }
    public Path dataDir() { return get(DATA_DIR); }
    /** The WAL directory, or null when the WAL lives in the data dir. */
    public Path walDir() { return get(WAL_DIR); }
    public List<URI> listenPeerUrls() { return get(LISTEN_PEER_URLS); }
    public List<URI> listenClientUrls() { return get(LISTEN_CLIENT_URLS); }
    public List<URI> initialAdvertisePeerUrls() { return get(INITIAL_ADVERTISE_PEER_URLS); }
    public List<URI> advertiseClientUrls() { return get(ADVERTISE_CLIENT_URLS); }
    /** Member name to peer URLs, in the order given. */
    public Map<String, List<URI>> initialCluster() { return get(INITIAL_CLUSTER); }
    /** The token, or null for etcd's default. */
    public String initialClusterToken() { return get(INITIAL_CLUSTER_TOKEN); }
    public ClusterState initialClusterState() { return get(INITIAL_CLUSTER_STATE); }
    /** Null means etcd's default (100 ms). */
    public Integer heartbeatIntervalMillis() { return get(HEARTBEAT_INTERVAL); }
    /** Null means etcd's default (1000 ms). */
    public Integer electionTimeoutMillis() { return get(ELECTION_TIMEOUT); }
    public Long snapshotCount() { return get(SNAPSHOT_COUNT); }
    public Long quotaBackendBytes() { return get(QUOTA_BACKEND_BYTES); }
    public Integer maxSnapshots() { return get(MAX_SNAPSHOTS); }
    public Integer maxWals() { return get(MAX_WALS); }
    public Boolean strictReconfigCheck() { return get(STRICT_RECONFIG_CHECK); }
    /** The log level etcd runs with ({@code debug} when {@link #debug()} is true); null for etcd's default. */
    public String logLevel() { return get(LOG_LEVEL); }
    public Boolean debug() { return get(DEBUG); }
    public TransportSecurity clientTransportSecurity() { return given.clientTransportSecurity(); }
    public TransportSecurity peerTransportSecurity() { return given.peerTransportSecurity(); }
    /** {@code embedded.binary}: the etcd binary to run, or null to look it up. */
    public Path binary() { return get(BINARY); }
    /** {@code embedded.auto-promote}: promote learners automatically (default true). */
    public boolean autoPromote() { return get(AUTO_PROMOTE); }
    /** {@code embedded.start-timeout}: how long start() waits for /health (default 30s). */
    public Duration startTimeout() { return get(START_TIMEOUT); }
    /** {@code embedded.stop-timeout}: how long close() waits after SIGTERM before SIGKILL (default 10s). */
    public Duration stopTimeout() { return get(STOP_TIMEOUT); }
    /** {@code embedded.request-timeout}: deadline of each etcd call the library makes (default 5s). */
    public Duration requestTimeout() { return get(REQUEST_TIMEOUT); }
    /** {@code embedded.extra-args}: further etcd command-line flags, passed as given. */
    public List<String> extraArgs() { return get(EXTRA_ARGS); }
    /** {@code embedded.command-prefix}: a command etcd is run under, which must exec it in place (keeping its pid). */
    public List<String> commandPrefix() { return get(COMMAND_PREFIX); }
    /** {@code embedded.join-timeout}: how long join() keeps trying, and waits for promotion (default 2m). */
    public Duration joinTimeout() { return get(JOIN_TIMEOUT); }
    /**
     * {@code embedded.join-endpoints}: client URLs of the cluster this member belongs to. When set,
     * start() on a fresh or removed member's data dir joins through them instead of bootstrapping.
     */
    public List<URI> joinEndpoints() { return get(JOIN_ENDPOINTS); }
    /**
     * {@code embedded.peer-endpoints}: client URLs of every member the cluster may have, alike on
     * every member; the first one listed bootstraps, the others join through the rest.
     */
    public List<URI> peerEndpoints() { return get(PEER_ENDPOINTS); }
    /** {@code embedded.discovery-timeout}: how long the first peer asks the others for a running cluster (default 10s). */
    public Duration discoveryTimeout() { return get(DISCOVERY_TIMEOUT); }
    /** {@code embedded.rejoin-after-data-loss}: a lost volume's registration is replaced by a new join (default true). */
    public boolean rejoinAfterDataLoss() { return get(REJOIN_AFTER_DATA_LOSS); }
    /** {@code embedded.await-promotion}: join() returns once promoted to voter (default true), else once the learner runs. */
    public boolean awaitPromotion() { return get(AWAIT_PROMOTION); }
    /** {@code embedded.promotion-check-interval}: how often members poll while a learner exists (default 100ms). */
    public Duration promotionCheckInterval() { return get(PROMOTION_CHECK_INTERVAL); }
    /** {@code embedded.learner-stall-timeout}: a learner without raft progress this long is removed (default 5m). */
    public Duration learnerStallTimeout() { return get(LEARNER_STALL_TIMEOUT); }
    /** {@code embedded.remove-unreachable-after}: the leader removes a voter unreachable this long; null = off (default). */
    public Duration removeUnreachableAfter() { return get(REMOVE_UNREACHABLE_AFTER); }
    /** {@code embedded.minimum-voters}: fewest voters a removal of an unreachable voter may leave (default 3). */
    public int minimumVoters() { return get(MINIMUM_VOTERS); }
    /** {@code embedded.reconfig-timeout}: how long a removal refused as "unhealthy cluster" is retried (default 15s). */
    public Duration reconfigTimeout() { return get(RECONFIG_TIMEOUT); }

    /**
     * The etcd command-line flags this config stands for, as the library passes them (zap logging
     * on stderr; {@code embedded.extra-args} last).
     *
     * @param state   the {@code initial-cluster-state} to pass
     * @param version the etcd that runs them: the library's defaults for etcd keys go only to an etcd that knows them
     */
    public List<String> etcdFlags(ClusterState state, EtcdVersion version) {
        return EtcdFlags.of(this, state, version);
    }

    /**
     * How the library and {@code client()} connect to https client URLs: {@code embedded.cacert},
     * {@code embedded.cert} and {@code embedded.key} where set, else derived from
     * {@code client-transport-security}: its {@code trusted-ca-file} as the CA, and where members ask
     * for client certificates ({@code client-cert-auth} or a {@code trusted-ca-file}) its own
     * certificate and key, which then need the clientAuth extended key usage; with {@code auto-tls}
     * and no CA, any server certificate is accepted (encrypted, not authenticated).
     */
    public ClientTls clientTls() {
        return clientTls;
    }

    /** The etcd user the library and {@code client()} authenticate as, when auth is used. */
    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /**
     * An error about one of this config's settings, naming the file and line it was read from
     * when it came from a file.
     */
    public ConfigException error(String key, String problem) {
        return given.problem(key, problem);
    }

    /** {@code initial-cluster} in etcd's {@code name=url,name=url} form. */
    public String initialClusterFlag() {
        return InitialCluster.flag(initialCluster());
    }

    @Override
    public String toString() {
        return "EtcdConfig{name=" + name() + ", dataDir=" + dataDir() + ", client=" + advertiseClientUrls()
                + ", peer=" + initialAdvertisePeerUrls() + ", initialCluster=" + initialClusterFlag() + "}";
    }

    /**
     * Collects settings; {@link #build()} fills defaults and checks that they fit together.
     * Defaults: name = this host's name, client {@code http://127.0.0.1:2379}, peer
     * {@code http://127.0.0.1:2380}, data dir {@code <name>.etcd} in the working directory,
     * advertised URLs = listen URLs, initial-cluster = this member alone; see {@link Settings}.
     */
    public static final class Builder {
        /** The settings given, each checked as it was set. */
        final Map<Setting<?>, Object> values = new HashMap<>();
        /** Set in code only: {@link ClientTls#trustAnyServer()} has no key. */
        boolean trustAnyServer;
        /** Set in code only, in place of {@code embedded.user} and the password keys. */
        Credentials credentials;

        private Path sourceFile;
        private final Map<String, Integer> sourceLines = new HashMap<>();

        private Builder() {
        }

        private Builder(Builder copied) {
            values.putAll(copied.values);
            trustAnyServer = copied.trustAnyServer;
            credentials = copied.credentials;
            sourceFile = copied.sourceFile;
            sourceLines.putAll(copied.sourceLines);
        }

        /**
         * Sets a setting, checked as a config file's value would be; null unsets it.
         *
         * @throws ConfigException naming the key when the value is out of range or malformed
         */
        public <T> Builder set(Setting<T> setting, T value) {
            if (value == null) {
                values.remove(setting);
                return this;
            }
            try {
                values.put(setting, setting.check(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(setting.key(), e.getMessage());
            }
            if (setting == USER || setting == PASSWORD || setting == PASSWORD_FILE || setting == PASSWORD_ENV) {
                credentials = null;
            }
            return this;
        }

        /**
         * Sets a config-file key from its text, exactly as a config file would: one value, or a
         * list's items. This is how the Spring Boot starter applies its properties.
         *
         * @throws ConfigException naming the key when it is unknown or the value does not parse
         */
        public Builder setText(String key, List<String> texts) {
            Setting<?> setting = Settings.byKey(key).orElseThrow(() -> new ConfigException(key, Settings.unknownKey(key,
                    List.of())));
            return setParsed(setting, texts);
        }

        private <T> Builder setParsed(Setting<T> setting, List<String> texts) {
            T value;
            try {
                value = setting.parse(texts);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(setting.key(), e.getMessage());
            }
            return set(setting, value);
        }

        public Builder name(String value) { return set(NAME, value); }
        public Builder dataDir(Path value) { return set(DATA_DIR, value); }
        public Builder walDir(Path value) { return set(WAL_DIR, value); }
        public Builder listenPeerUrls(List<URI> value) { return set(LISTEN_PEER_URLS, value); }
        public Builder listenClientUrls(List<URI> value) { return set(LISTEN_CLIENT_URLS, value); }
        public Builder initialAdvertisePeerUrls(List<URI> value) { return set(INITIAL_ADVERTISE_PEER_URLS, value); }
        public Builder advertiseClientUrls(List<URI> value) { return set(ADVERTISE_CLIENT_URLS, value); }

        /** Sets listen and advertised peer URLs to the same single URL. */
        public Builder peerUrl(URI value) {
            return listenPeerUrls(List.of(value)).initialAdvertisePeerUrls(List.of(value));
        }

        /** Sets listen and advertised client URLs to the same single URL. */
        public Builder clientUrl(URI value) {
            return listenClientUrls(List.of(value)).advertiseClientUrls(List.of(value));
        }

        /** Member name to peer URLs. */
        public Builder initialCluster(Map<String, List<URI>> value) { return set(INITIAL_CLUSTER, value); }

        /** {@code initial-cluster} in etcd's {@code name=url,name=url} form. */
        public Builder initialCluster(String value) { return setText(INITIAL_CLUSTER.key(), List.of(value)); }

        public Builder initialClusterToken(String value) { return set(INITIAL_CLUSTER_TOKEN, value); }
        public Builder initialClusterState(ClusterState value) { return set(INITIAL_CLUSTER_STATE, Objects.requireNonNull(value)); }
        public Builder heartbeatIntervalMillis(int value) { return set(HEARTBEAT_INTERVAL, value); }
        public Builder electionTimeoutMillis(int value) { return set(ELECTION_TIMEOUT, value); }
        public Builder snapshotCount(long value) { return set(SNAPSHOT_COUNT, value); }
        public Builder quotaBackendBytes(long value) { return set(QUOTA_BACKEND_BYTES, value); }
        public Builder maxSnapshots(int value) { return set(MAX_SNAPSHOTS, value); }
        public Builder maxWals(int value) { return set(MAX_WALS, value); }
        public Builder strictReconfigCheck(boolean value) { return set(STRICT_RECONFIG_CHECK, value); }
        public Builder logLevel(String value) { return set(LOG_LEVEL, value); }
        public Builder debug(boolean value) { return set(DEBUG, value); }
        public Builder clientTransportSecurity(TransportSecurity value) { return transportSecurity(CLIENT_TRANSPORT_SECURITY, value); }
        public Builder peerTransportSecurity(TransportSecurity value) { return transportSecurity(PEER_TRANSPORT_SECURITY, value); }
        public Builder binary(Path value) { return set(BINARY, value); }
        public Builder autoPromote(boolean value) { return set(AUTO_PROMOTE, value); }
        public Builder startTimeout(Duration value) { return set(START_TIMEOUT, value); }
        public Builder stopTimeout(Duration value) { return set(STOP_TIMEOUT, value); }
        public Builder requestTimeout(Duration value) { return set(REQUEST_TIMEOUT, value); }
        public Builder extraArgs(List<String> value) { return set(EXTRA_ARGS, value); }
        public Builder commandPrefix(List<String> value) { return set(COMMAND_PREFIX, value); }
        public Builder joinTimeout(Duration value) { return set(JOIN_TIMEOUT, value); }
        public Builder joinEndpoints(List<URI> value) { return set(JOIN_ENDPOINTS, value.isEmpty() ? null : value); }
        public Builder peerEndpoints(List<URI> value) { return set(PEER_ENDPOINTS, value.isEmpty() ? null : value); }
        public Builder discoveryTimeout(Duration value) { return set(DISCOVERY_TIMEOUT, value); }
        public Builder rejoinAfterDataLoss(boolean value) { return set(REJOIN_AFTER_DATA_LOSS, value); }
        public Builder awaitPromotion(boolean value) { return set(AWAIT_PROMOTION, value); }
        public Builder promotionCheckInterval(Duration value) { return set(PROMOTION_CHECK_INTERVAL, value); }
        public Builder learnerStallTimeout(Duration value) { return set(LEARNER_STALL_TIMEOUT, value); }
        public Builder removeUnreachableAfter(Duration value) { return set(REMOVE_UNREACHABLE_AFTER, value); }
        public Builder minimumVoters(int value) { return set(MINIMUM_VOTERS, value); }
        public Builder reconfigTimeout(Duration value) { return set(RECONFIG_TIMEOUT, value); }

        /** The library's client TLS ({@code embedded.cacert}, {@code embedded.cert}, {@code embedded.key}); see {@link EtcdConfig#clientTls()}. */
        public Builder clientTls(ClientTls value) {
            Objects.requireNonNull(value);
            trustAnyServer = value.trustAnyServer();
            return set(CACERT, value.caFile()).set(CERT, value.certFile()).set(KEY, value.keyFile());
        }

        /** The etcd user to authenticate as ({@code embedded.user} with one of the {@code embedded.password*} keys). */
        public Builder credentials(Credentials value) {
            Objects.requireNonNull(value);
            set(USER, null).set(PASSWORD, null).set(PASSWORD_FILE, null).set(PASSWORD_ENV, null);
            credentials = value;
            return this;
        }

        /** The library's client TLS set so far; {@link ClientTls#NONE} when none is. */
        public ClientTls clientTls() {
            return new ClientTls(get(CACERT), get(CERT), get(KEY), trustAnyServer);
        }

        /** The etcd user ({@code embedded.user}); build() checks it has exactly one of the password settings. */
        public Builder user(String value) { return set(USER, value); }
        /** The user's password itself ({@code embedded.password}); prefer {@link #passwordFile(Path)} or {@link #passwordEnv(String)}. */
        public Builder password(String value) { return set(PASSWORD, value); }
        /** A file holding the user's password ({@code embedded.password-file}). */
        public Builder passwordFile(Path value) { return set(PASSWORD_FILE, value); }
        /** An environment variable holding the user's password ({@code embedded.password-env}). */
        public Builder passwordEnv(String value) { return set(PASSWORD_ENV, value); }

        /** The client URLs' TLS set so far. */
        public TransportSecurity clientTransportSecurity() { return transportSecurity(CLIENT_TRANSPORT_SECURITY); }
        /** The peer URLs' TLS set so far. */
        public TransportSecurity peerTransportSecurity() { return transportSecurity(PEER_TRANSPORT_SECURITY); }

        /** A setting's value as given so far, else its default; null for etcd's default. */
        @SuppressWarnings("unchecked")
        <T> T get(Setting<T> setting) {
            return values.containsKey(setting) ? (T) values.get(setting) : setting.defaultValue().orElse(null);
        }

        /** A copy of this builder, as it stands. */
        Builder toBuilderCopy() {
            return new Builder(this);
        }

        /** Remembers where a key was read from, so that later errors can name the file and line. */
        Builder recordSource(Path file, String key, int line) {
            sourceFile = file;
            sourceLines.put(key, line);
            return this;
        }

        /**
         * Checks that the settings fit together and returns them as a config, defaults filled in.
         * The builder is left as it was: building it again, or after more changes, starts afresh.
         *
         * @throws ConfigException naming the key (and file and line, when read from a file)
         */
        public EtcdConfig build() {
            return new EtcdConfig(new Builder(this));
        }

        ConfigException problem(String key, String problem) {
            return new ConfigException(sourceFile, sourceLines.getOrDefault(key, 0), key, problem);
        }

        private Builder transportSecurity(TransportSecuritySettings section, TransportSecurity value) {
            Objects.requireNonNull(value);
            // false is etcd's default, so it stays unset and is not passed as a flag
            return set(section.certFile(), value.certFile()).set(section.keyFile(), value.keyFile())
                    .set(section.clientCertAuth(), value.clientCertAuth() ? Boolean.TRUE : null)
                    .set(section.trustedCaFile(), value.trustedCaFile())
                    .set(section.autoTls(), value.autoTls() ? Boolean.TRUE : null);
        }

        private TransportSecurity transportSecurity(TransportSecuritySettings section) {
            return new TransportSecurity(get(section.certFile()), get(section.keyFile()),
                    Boolean.TRUE.equals(get(section.clientCertAuth())), get(section.trustedCaFile()),
                    Boolean.TRUE.equals(get(section.autoTls())));
        }
    }
}
