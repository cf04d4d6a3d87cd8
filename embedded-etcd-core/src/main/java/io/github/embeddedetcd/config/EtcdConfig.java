/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.internal.config.Values;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of one etcd member: etcd's own config-file keys plus the {@code embedded:} section.
 * Immutable; build one with {@link #builder()} or read one with {@link ConfigFile#read(Path)}.
 * Settings left unset take etcd's defaults, except those documented on the builder.
 */
public final class EtcdConfig {

    /** Default client URL when none is configured. */
    public static final URI DEFAULT_CLIENT_URL = URI.create("http://127.0.0.1:2379");
    /** Default peer URL when none is configured. */
    public static final URI DEFAULT_PEER_URL = URI.create("http://127.0.0.1:2380");

    /** What was set, exactly as set (unset settings stay null): {@link #toBuilder()} starts from it. */
    private final Builder values;
    /** The settings with defaults, computed from {@link #values} and never written back into it. */
    private final String name;
    private final Path dataDir;
    private final Path walDir;
    private final List<URI> listenPeerUrls;
    private final List<URI> listenClientUrls;
    private final List<URI> initialAdvertisePeerUrls;
    private final List<URI> advertiseClientUrls;
    private final Map<String, List<URI>> initialCluster;
    private final ClientTls clientTls;
    private final Credentials credentials;

    private EtcdConfig(Builder values) {
        this.values = values;
        name = values.name != null ? values.name : HostName.get();
        values.check("name", !name.isBlank() && !name.contains(",") && !name.contains("="),
                "must be non-empty and contain no ',' or '=', got '" + name + "'");
        dataDir = (values.dataDir != null ? values.dataDir : Path.of(name + ".etcd")).toAbsolutePath().normalize();
        walDir = values.walDir == null ? null : values.walDir.toAbsolutePath().normalize();
        listenClientUrls = values.listenClientUrls != null ? values.listenClientUrls : List.of(DEFAULT_CLIENT_URL);
        listenPeerUrls = values.listenPeerUrls != null ? values.listenPeerUrls : List.of(DEFAULT_PEER_URL);
        advertiseClientUrls = values.advertised("advertise-client-urls", values.advertiseClientUrls, listenClientUrls);
        initialAdvertisePeerUrls = values.advertised("initial-advertise-peer-urls", values.initialAdvertisePeerUrls,
                listenPeerUrls);
        initialCluster = values.initialCluster != null ? values.initialCluster : Map.of(name, initialAdvertisePeerUrls);
        values.check("initial-cluster", initialCluster.containsKey(name), "has no entry for this member's name '"
                + name + "'; add " + name + "=" + initialAdvertisePeerUrls.get(0) + " (initial-cluster is "
                + flag(initialCluster) + ")");
        values.check("initial-cluster", Set.copyOf(initialCluster.get(name)).equals(Set.copyOf(initialAdvertisePeerUrls)),
                "names " + name + "=" + initialCluster.get(name) + ", but this member advertises "
                        + initialAdvertisePeerUrls + " (initial-advertise-peer-urls); make them the same");
        values.checkTimings();
        values.check("debug", !Boolean.TRUE.equals(values.debug) || values.logLevel == null
                || values.logLevel.equals("debug"), "debug: true means log-level debug, but log-level is "
                + values.logLevel + "; keep one of the two");
        values.requireTlsFor("client-transport-security", listenClientUrls, advertiseClientUrls,
                values.clientTransportSecurity);
        values.requireTlsFor("peer-transport-security", listenPeerUrls, initialAdvertisePeerUrls,
                values.peerTransportSecurity);
        clientTls = values.derivedClientTls();
        credentials = values.credentials();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding the settings this config was built from (not the defaults filled in), so
     * that a changed copy derives its defaults afresh: a new name also gets its own data dir.
     */
    public Builder toBuilder() {
        return new Builder(values);
    }

    public String name() { return name; }
    public Path dataDir() { return dataDir; }
    /** The WAL directory, or null when the WAL lives in the data dir. */
    public Path walDir() { return walDir; }
    public List<URI> listenPeerUrls() { return listenPeerUrls; }
    public List<URI> listenClientUrls() { return listenClientUrls; }
    public List<URI> initialAdvertisePeerUrls() { return initialAdvertisePeerUrls; }
    public List<URI> advertiseClientUrls() { return advertiseClientUrls; }
    /** Member name to peer URLs, in the order given. */
    public Map<String, List<URI>> initialCluster() { return initialCluster; }
    /** The token, or null for etcd's default. */
    public String initialClusterToken() { return values.initialClusterToken; }
    public ClusterState initialClusterState() { return values.initialClusterState; }
    /** Null means etcd's default (100 ms). */
    public Integer heartbeatIntervalMillis() { return values.heartbeatIntervalMillis; }
    /** Null means etcd's default (1000 ms). */
    public Integer electionTimeoutMillis() { return values.electionTimeoutMillis; }
    public Long snapshotCount() { return values.snapshotCount; }
    public Long quotaBackendBytes() { return values.quotaBackendBytes; }
    public Integer maxSnapshots() { return values.maxSnapshots; }
    public Integer maxWals() { return values.maxWals; }
    public Boolean strictReconfigCheck() { return values.strictReconfigCheck; }
    public String logLevel() { return values.logLevel; }
    public Boolean debug() { return values.debug; }
    public TransportSecurity clientTransportSecurity() { return values.clientTransportSecurity; }
    public TransportSecurity peerTransportSecurity() { return values.peerTransportSecurity; }
    /** {@code embedded.binary}: the etcd binary to run, or null to look it up. */
    public Path binary() { return values.binary; }
    /** {@code embedded.auto-promote}: promote learners automatically (default true). */
    public boolean autoPromote() { return values.autoPromote; }
    /** {@code embedded.start-timeout}: how long start() waits for /health (default 30s). */
    public Duration startTimeout() { return values.startTimeout; }
    /** {@code embedded.stop-timeout}: how long close() waits after SIGTERM before SIGKILL (default 10s). */
    public Duration stopTimeout() { return values.stopTimeout; }
    /** {@code embedded.request-timeout}: deadline of each etcd call the library makes (default 5s). */
    public Duration requestTimeout() { return values.requestTimeout; }
    /** {@code embedded.extra-args}: further etcd command-line flags, passed as given. */
    public List<String> extraArgs() { return values.extraArgs; }
    /**
     * {@code embedded.command-prefix}: a command etcd is run under, which must exec it in place
     * (keeping its pid), e.g. {@code [ip, netns, exec, ns1]} or {@code [nice, -n, 5]}.
     */
    public List<String> commandPrefix() { return values.commandPrefix; }
    /** {@code embedded.join-timeout}: how long join() keeps trying, and waits for promotion (default 2m). */
    public Duration joinTimeout() { return values.joinTimeout; }
    /**
     * {@code embedded.join-endpoints}: client URLs of the cluster this member belongs to. When set,
     * start() on a fresh or removed member's data dir joins through them instead of bootstrapping.
     */
    public List<URI> joinEndpoints() { return values.joinEndpoints; }
    /** {@code embedded.await-promotion}: join() returns once promoted to voter (default true), else once the learner runs. */
    public boolean awaitPromotion() { return values.awaitPromotion; }
    /** {@code embedded.promotion-check-interval}: how often members poll while a learner exists; the leader then promotes it (default 100ms). */
    public Duration promotionCheckInterval() { return values.promotionCheckInterval; }
    /** {@code embedded.learner-stall-timeout}: a learner without raft progress this long is removed (default 5m). */
    public Duration learnerStallTimeout() { return values.learnerStallTimeout; }
    /**
     * {@code embedded.reconfig-timeout}: how long a removal refused as "unhealthy cluster" is retried
     * (default 15s: etcd refuses for 5 s after any reconnect of the leader to a voter).
     */
    public Duration reconfigTimeout() { return values.reconfigTimeout; }

    /**
     * The etcd command-line flags this config stands for, as the library passes them (zap logging
     * on stderr; {@code embedded.extra-args} last).
     *
     * @param state the {@code initial-cluster-state} to pass
     */
    public List<String> etcdFlags(ClusterState state) {
        return EtcdFlags.of(this, state);
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
        return values.problem(key, problem);
    }

    /** {@code initial-cluster} in etcd's {@code name=url,name=url} form. */
    public String initialClusterFlag() {
        return flag(initialCluster);
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
     * advertised URLs = listen URLs, initial-cluster = this member alone.
     */
    public static final class Builder {
        private String name;
        private Path dataDir;
        private Path walDir;
        private List<URI> listenPeerUrls;
        private List<URI> listenClientUrls;
        private List<URI> initialAdvertisePeerUrls;
        private List<URI> advertiseClientUrls;
        private Map<String, List<URI>> initialCluster;
        private String initialClusterToken;
        private ClusterState initialClusterState = ClusterState.NEW;
        private Integer heartbeatIntervalMillis;
        private Integer electionTimeoutMillis;
        private Long snapshotCount;
        private Long quotaBackendBytes;
        private Integer maxSnapshots;
        private Integer maxWals;
        private Boolean strictReconfigCheck;
        private String logLevel;
        private Boolean debug;
        private TransportSecurity clientTransportSecurity = TransportSecurity.NONE;
        private TransportSecurity peerTransportSecurity = TransportSecurity.NONE;
        private Path binary;
        private boolean autoPromote = true;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private List<String> extraArgs = List.of();
        private List<String> commandPrefix = List.of();
        private Duration joinTimeout = Duration.ofMinutes(2);
        private List<URI> joinEndpoints = List.of();
        private boolean awaitPromotion = true;
        private Duration promotionCheckInterval = Duration.ofMillis(100);
        private Duration learnerStallTimeout = Duration.ofMinutes(5);
        private Duration reconfigTimeout = Duration.ofSeconds(15);
        private ClientTls clientTls;
        private Credentials credentials;
        private String user;
        private String password;
        private Path passwordFile;
        private String passwordEnv;

        private Path sourceFile;
        private final Map<String, Integer> sourceLines = new HashMap<>();

        private Builder() {
        }

        private Builder(Builder c) {
            name = c.name;
            dataDir = c.dataDir;
            walDir = c.walDir;
            listenPeerUrls = c.listenPeerUrls;
            listenClientUrls = c.listenClientUrls;
            initialAdvertisePeerUrls = c.initialAdvertisePeerUrls;
            advertiseClientUrls = c.advertiseClientUrls;
            initialCluster = c.initialCluster;
            initialClusterToken = c.initialClusterToken;
            initialClusterState = c.initialClusterState;
            heartbeatIntervalMillis = c.heartbeatIntervalMillis;
            electionTimeoutMillis = c.electionTimeoutMillis;
            snapshotCount = c.snapshotCount;
            quotaBackendBytes = c.quotaBackendBytes;
            maxSnapshots = c.maxSnapshots;
            maxWals = c.maxWals;
            strictReconfigCheck = c.strictReconfigCheck;
            logLevel = c.logLevel;
            debug = c.debug;
            clientTransportSecurity = c.clientTransportSecurity;
            peerTransportSecurity = c.peerTransportSecurity;
            binary = c.binary;
            autoPromote = c.autoPromote;
            startTimeout = c.startTimeout;
            stopTimeout = c.stopTimeout;
            requestTimeout = c.requestTimeout;
            extraArgs = List.copyOf(c.extraArgs);
            commandPrefix = c.commandPrefix;
            joinTimeout = c.joinTimeout;
            joinEndpoints = c.joinEndpoints;
            awaitPromotion = c.awaitPromotion;
            promotionCheckInterval = c.promotionCheckInterval;
            learnerStallTimeout = c.learnerStallTimeout;
            reconfigTimeout = c.reconfigTimeout;
            clientTls = c.clientTls;
            credentials = c.credentials;
            user = c.user;
            password = c.password;
            passwordFile = c.passwordFile;
            passwordEnv = c.passwordEnv;
            sourceFile = c.sourceFile;
            sourceLines.putAll(c.sourceLines);
        }

        public Builder name(String value) { name = value; return this; }
        public Builder dataDir(Path value) { dataDir = value; return this; }
        public Builder walDir(Path value) { walDir = value; return this; }
        public Builder listenPeerUrls(List<URI> value) { listenPeerUrls = checkedUrls(value); return this; }
        public Builder listenClientUrls(List<URI> value) { listenClientUrls = checkedUrls(value); return this; }
        public Builder initialAdvertisePeerUrls(List<URI> value) { initialAdvertisePeerUrls = checkedUrls(value); return this; }
        public Builder advertiseClientUrls(List<URI> value) { advertiseClientUrls = checkedUrls(value); return this; }

        /** Sets listen and advertised peer URLs to the same single URL. */
        public Builder peerUrl(URI value) {
            return listenPeerUrls(List.of(value)).initialAdvertisePeerUrls(List.of(value));
        }

        /** Sets listen and advertised client URLs to the same single URL. */
        public Builder clientUrl(URI value) {
            return listenClientUrls(List.of(value)).advertiseClientUrls(List.of(value));
        }

        /** Member name to peer URLs. */
        public Builder initialCluster(Map<String, List<URI>> value) {
            initialCluster = copyOrdered(value);
            return this;
        }

        /** {@code initial-cluster} in etcd's {@code name=url,name=url} form. */
        public Builder initialCluster(String value) {
            return initialCluster(parseInitialCluster(value));
        }

        public Builder initialClusterToken(String value) { initialClusterToken = value; return this; }
        public Builder initialClusterState(ClusterState value) { initialClusterState = Objects.requireNonNull(value); return this; }
        public Builder heartbeatIntervalMillis(int value) { heartbeatIntervalMillis = (int) within(value, 1, RAFT_MILLIS_MAX); return this; }
        public Builder electionTimeoutMillis(int value) { electionTimeoutMillis = (int) within(value, 1, RAFT_MILLIS_MAX); return this; }
        public Builder snapshotCount(long value) { snapshotCount = within(value, 1, Long.MAX_VALUE); return this; }
        public Builder quotaBackendBytes(long value) { quotaBackendBytes = within(value, 0, Long.MAX_VALUE); return this; }
        public Builder maxSnapshots(int value) { maxSnapshots = (int) within(value, 0, Integer.MAX_VALUE); return this; }
        public Builder maxWals(int value) { maxWals = (int) within(value, 0, Integer.MAX_VALUE); return this; }
        public Builder strictReconfigCheck(boolean value) { strictReconfigCheck = value; return this; }
        public Builder logLevel(String value) { logLevel = Values.oneOf(value, LOG_LEVELS); return this; }
        public Builder debug(boolean value) { debug = value; return this; }
        public Builder clientTransportSecurity(TransportSecurity value) { clientTransportSecurity = Objects.requireNonNull(value); return this; }
        public Builder peerTransportSecurity(TransportSecurity value) { peerTransportSecurity = Objects.requireNonNull(value); return this; }
        public Builder binary(Path value) { binary = value; return this; }
        public Builder autoPromote(boolean value) { autoPromote = value; return this; }
        public Builder startTimeout(Duration value) { startTimeout = positive("embedded.start-timeout", value); return this; }
        public Builder stopTimeout(Duration value) { stopTimeout = positive("embedded.stop-timeout", value); return this; }
        public Builder requestTimeout(Duration value) { requestTimeout = positive("embedded.request-timeout", value); return this; }
        public Builder extraArgs(List<String> value) { extraArgs = List.copyOf(value); return this; }
        public Builder commandPrefix(List<String> value) { commandPrefix = List.copyOf(value); return this; }
        public Builder joinTimeout(Duration value) { joinTimeout = positive("embedded.join-timeout", value); return this; }
        public Builder joinEndpoints(List<URI> value) { joinEndpoints = value.isEmpty() ? List.of() : checkedUrls(value); return this; }
        public Builder awaitPromotion(boolean value) { awaitPromotion = value; return this; }
        public Builder promotionCheckInterval(Duration value) { promotionCheckInterval = positive("embedded.promotion-check-interval", value); return this; }
        public Builder learnerStallTimeout(Duration value) { learnerStallTimeout = positive("embedded.learner-stall-timeout", value); return this; }
        public Builder reconfigTimeout(Duration value) { reconfigTimeout = positive("embedded.reconfig-timeout", value); return this; }

        /** The library's client TLS ({@code embedded.cacert}, {@code embedded.cert}, {@code embedded.key}); see {@link EtcdConfig#clientTls()}. */
        public Builder clientTls(ClientTls value) { clientTls = Objects.requireNonNull(value); return this; }

        /** The etcd user to authenticate as ({@code embedded.user} with one of the {@code embedded.password*} keys). */
        public Builder credentials(Credentials value) {
            credentials = Objects.requireNonNull(value);
            user = null;
            password = null;
            passwordFile = null;
            passwordEnv = null;
            return this;
        }

        /** The library's client TLS set so far; {@link ClientTls#NONE} when none is. */
        public ClientTls clientTls() { return clientTls == null ? ClientTls.NONE : clientTls; }
        /** The etcd user ({@code embedded.user}); build() checks it has exactly one of the password settings. */
        public Builder user(String value) { user = value; credentials = null; return this; }
        /** The user's password itself ({@code embedded.password}); prefer {@link #passwordFile(Path)} or {@link #passwordEnv(String)}. */
        public Builder password(String value) { password = value; credentials = null; return this; }
        /** A file holding the user's password ({@code embedded.password-file}). */
        public Builder passwordFile(Path value) { passwordFile = value; credentials = null; return this; }
        /** An environment variable holding the user's password ({@code embedded.password-env}). */
        public Builder passwordEnv(String value) { passwordEnv = value; credentials = null; return this; }

        /** The client URLs' TLS set so far. */
        public TransportSecurity clientTransportSecurity() { return clientTransportSecurity; }
        /** The peer URLs' TLS set so far. */
        public TransportSecurity peerTransportSecurity() { return peerTransportSecurity; }

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

        private void checkTimings() {
            if (heartbeatIntervalMillis != null || electionTimeoutMillis != null) {
                int heartbeat = heartbeatIntervalMillis == null ? 100 : heartbeatIntervalMillis;
                int election = electionTimeoutMillis == null ? 1000 : electionTimeoutMillis;
                check("election-timeout", election >= 5 * heartbeat,
                        "must be at least 5 times heartbeat-interval (" + heartbeat + " ms), got " + election + " ms");
            }
        }

        private List<URI> advertised(String key, List<URI> advertised, List<URI> listen) {
            List<URI> urls = advertised != null ? advertised : listen;
            for (URI url : urls) {
                check(key, !isWildcard(url.getHost()), (advertised == null
                        ? "is needed because the listen URL " + url + " binds every address; "
                        : "must not use the wildcard address " + url.getHost() + "; ")
                        + "set it to an address other members and clients can reach, e.g. http://127.0.0.1:" + url.getPort());
            }
            return urls;
        }

        private void check(String key, boolean ok, String problem) {
            if (!ok) {
                throw problem(key, problem);
            }
        }

        private ConfigException problem(String key, String problem) {
            return new ConfigException(sourceFile, sourceLines.getOrDefault(key, 0), key, problem);
        }

        /** https URLs need TLS settings; etcd would refuse to start without them, less clearly. */
        private void requireTlsFor(String section, List<URI> listen, List<URI> advertised, TransportSecurity tls) {
            boolean https = java.util.stream.Stream.concat(listen.stream(), advertised.stream())
                    .anyMatch(url -> url.getScheme().equalsIgnoreCase("https"));
            boolean certificate = tls.certFile() != null && tls.keyFile() != null;
            check(section, !https || certificate || tls.autoTls(), "https URLs need a server certificate: set "
                    + section + ".cert-file and " + section + ".key-file (or auto-tls: true for a self-signed one)");
            check(section, certificate || (tls.certFile() == null && tls.keyFile() == null), "cert-file and key-file "
                    + "go together; set both");
        }

        private ClientTls derivedClientTls() {
            ClientTls explicit = clientTls();
            TransportSecurity server = clientTransportSecurity;
            Path ca = explicit.caFile() != null ? explicit.caFile() : server.trustedCaFile();
            boolean serverAsksForCertificates = server.clientCertAuth() || server.trustedCaFile() != null;
            ClientTls derived = new ClientTls(ca, null, null, explicit.trustAnyServer() || (server.autoTls() && ca == null));
            if (explicit.hasClientCertificate()) {
                return derived.withClientCertificate(explicit.certFile(), explicit.keyFile());
            }
            check("embedded.cert", explicit.certFile() == null && explicit.keyFile() == null,
                    "embedded.cert and embedded.key go together; set both");
            return serverAsksForCertificates && server.certFile() != null
                    ? derived.withClientCertificate(server.certFile(), server.keyFile()) : derived;
        }

        private Credentials credentials() {
            if (credentials != null) {
                return credentials;
            }
            int sources = (password != null ? 1 : 0) + (passwordFile != null ? 1 : 0) + (passwordEnv != null ? 1 : 0);
            check("embedded.user", user != null || sources == 0, "a password is set but no user: add embedded.user");
            if (user == null) {
                return null;
            }
            check("embedded.user", !user.isBlank(), "the user name is blank: set it to an etcd user, or remove it");
            check("embedded.user", sources == 1, sources == 0
                    ? "user '" + user + "' needs a password: set embedded.password-file (or embedded.password-env, "
                    + "or embedded.password)" : "set one of embedded.password, embedded.password-file and "
                    + "embedded.password-env, not " + sources);
            return password != null ? Credentials.of(user, password)
                    : passwordFile != null ? Credentials.fromFile(user, passwordFile)
                    : Credentials.fromEnvironment(user, passwordEnv);
        }

        /** Each URL as the config file would accept it: http(s), a host and a port, no path. */
        private static List<URI> checkedUrls(List<URI> urls) {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("expects one or more URLs such as http://127.0.0.1:2379, got none");
            }
            return urls.stream().map(url -> Values.url(url.toString())).toList();
        }

        private static long within(long value, long min, long max) {
            return Values.number(Long.toString(value), min, max);
        }

        private static Duration positive(String key, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(key + " must be a positive duration, got " + value);
            }
            return value;
        }
    }

    /** The longest heartbeat interval or election timeout etcd is given, in ms. */
    static final int RAFT_MILLIS_MAX = 50_000;

    static final String[] LOG_LEVELS = {"debug", "info", "warn", "error", "panic", "fatal"};

    static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::");
    }

    private static String flag(Map<String, List<URI>> cluster) {
        return cluster.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(u -> e.getKey() + "=" + u))
                .collect(Collectors.joining(","));
    }

    private static Map<String, List<URI>> copyOrdered(Map<String, List<URI>> cluster) {
        Map<String, List<URI>> copy = new LinkedHashMap<>();
        cluster.forEach((member, urls) -> copy.put(member, List.copyOf(urls)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    static Map<String, List<URI>> parseInitialCluster(String text) {
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
        return copyOrdered(cluster);
    }
}
