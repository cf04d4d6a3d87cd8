/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.github.embeddedetcd.config.Settings.*;

/**
 * Fills in the settings derived from others (name, data dir, advertised URLs, initial cluster, log
 * level, client TLS, credentials) and checks that the settings fit together, as etcd would at its
 * start, but naming the key, file and line.
 */
final class ConfigDerivation {

    private final EtcdConfig.Builder given;
    private final Map<Setting<?>, Object> values = new HashMap<>();
    private final ClientTls clientTls;
    private final Credentials credentials;

    ConfigDerivation(EtcdConfig.Builder given) {
        this.given = given;
        for (Setting<?> setting : Settings.all()) {
            setting.defaultValue().ifPresent(value -> values.put(setting, value));
        }
        values.putAll(given.values);
        String name = given.get(NAME) != null ? given.get(NAME) : HostName.get();
        check("name", !name.isBlank() && !name.contains(",") && !name.contains("="),
                "must be non-empty and contain no ',' or '=', got '" + name + "'");
        values.put(NAME, name);
        values.put(DATA_DIR, (given.get(DATA_DIR) != null ? given.get(DATA_DIR) : Path.of(name + ".etcd"))
                .toAbsolutePath().normalize());
        if (given.get(WAL_DIR) != null) {
            values.put(WAL_DIR, given.get(WAL_DIR).toAbsolutePath().normalize());
        }
        List<URI> listenClient = orDefault(LISTEN_CLIENT_URLS, EtcdConfig.DEFAULT_CLIENT_URL);
        List<URI> listenPeer = orDefault(LISTEN_PEER_URLS, EtcdConfig.DEFAULT_PEER_URL);
        List<URI> advertiseClient = advertised(ADVERTISE_CLIENT_URLS, listenClient);
        List<URI> advertisePeer = advertised(INITIAL_ADVERTISE_PEER_URLS, listenPeer);
        checkInitialCluster(name, advertisePeer);
        checkTimings();
        checkLogLevel();
        requireTlsFor(CLIENT_TRANSPORT_SECURITY, listenClient, advertiseClient);
        requireTlsFor(PEER_TRANSPORT_SECURITY, listenPeer, advertisePeer);
        clientTls = derivedClientTls();
        credentials = derivedCredentials();
    }

    Map<Setting<?>, Object> values() {
        return Map.copyOf(values);
    }

    ClientTls clientTls() {
        return clientTls;
    }

    Credentials credentials() {
        return credentials;
    }

    private List<URI> orDefault(Setting<List<URI>> setting, URI url) {
        List<URI> urls = given.get(setting) != null ? given.get(setting) : List.of(url);
        values.put(setting, urls);
        return urls;
    }

    private List<URI> advertised(Setting<List<URI>> setting, List<URI> listen) {
        List<URI> advertised = given.get(setting);
        List<URI> urls = advertised != null ? advertised : listen;
        for (URI url : urls) {
            check(setting.key(), !isWildcard(url.getHost()), (advertised == null
                    ? "is needed because the listen URL " + url + " binds every address; "
                    : "must not use the wildcard address " + url.getHost() + "; ")
                    + "set it to an address other members and clients can reach, e.g. http://127.0.0.1:" + url.getPort());
        }
        values.put(setting, urls);
        return urls;
    }

    private void checkInitialCluster(String name, List<URI> advertisePeer) {
        Map<String, List<URI>> cluster = given.get(INITIAL_CLUSTER) != null ? given.get(INITIAL_CLUSTER)
                : Map.of(name, advertisePeer);
        String key = INITIAL_CLUSTER.key();
        check(key, cluster.containsKey(name), "has no entry for this member's name '" + name + "'; add " + name + "="
                + advertisePeer.get(0) + " (initial-cluster is " + InitialCluster.flag(cluster) + ")");
        check(key, Set.copyOf(cluster.get(name)).equals(Set.copyOf(advertisePeer)), "names " + name + "="
                + cluster.get(name) + ", but this member advertises " + advertisePeer
                + " (initial-advertise-peer-urls); make them the same");
        values.put(INITIAL_CLUSTER, cluster);
    }

    private void checkTimings() {
        Integer heartbeat = given.get(HEARTBEAT_INTERVAL);
        Integer election = given.get(ELECTION_TIMEOUT);
        if (heartbeat != null || election != null) {
            int h = heartbeat == null ? 100 : heartbeat;
            int e = election == null ? 1000 : election;
            check(ELECTION_TIMEOUT.key(), e >= 5 * h,
                    "must be at least 5 times heartbeat-interval (" + h + " ms), got " + e + " ms");
        }
    }

    /** {@code debug: true} means debug logging; etcd 3.5 dropped its {@code --debug} flag, so it becomes the log level. */
    private void checkLogLevel() {
        String level = given.get(LOG_LEVEL);
        if (Boolean.TRUE.equals(given.get(DEBUG))) {
            check(DEBUG.key(), level == null || level.equals("debug"), "debug: true means log-level debug, but "
                    + "log-level is " + level + "; keep one of the two");
            values.put(LOG_LEVEL, "debug");
        }
    }

    /** https URLs need TLS settings; etcd would refuse to start without them, less clearly. */
    private void requireTlsFor(TransportSecuritySettings section, List<URI> listen, List<URI> advertised) {
        boolean https = Stream.concat(listen.stream(), advertised.stream())
                .anyMatch(url -> url.getScheme().equalsIgnoreCase("https"));
        Path cert = given.get(section.certFile());
        Path key = given.get(section.keyFile());
        String name = section.section();
        check(name, !https || (cert != null && key != null) || Boolean.TRUE.equals(given.get(section.autoTls())),
                "https URLs need a server certificate: set " + name + ".cert-file and " + name
                        + ".key-file (or auto-tls: true for a self-signed one)");
        check(name, (cert == null) == (key == null), "cert-file and key-file go together; set both");
    }

    private ClientTls derivedClientTls() {
        ClientTls explicit = given.clientTls();
        TransportSecurity server = given.clientTransportSecurity();
        Path ca = explicit.caFile() != null ? explicit.caFile() : server.trustedCaFile();
        boolean serverAsksForCertificates = server.clientCertAuth() || server.trustedCaFile() != null;
        ClientTls derived = new ClientTls(ca, null, null, explicit.trustAnyServer() || (server.autoTls() && ca == null));
        if (explicit.hasClientCertificate()) {
            return derived.withClientCertificate(explicit.certFile(), explicit.keyFile());
        }
        check(CERT.key(), explicit.certFile() == null && explicit.keyFile() == null,
                "embedded.cert and embedded.key go together; set both");
        return serverAsksForCertificates && server.certFile() != null
                ? derived.withClientCertificate(server.certFile(), server.keyFile()) : derived;
    }

    private Credentials derivedCredentials() {
        if (given.credentials != null) {
            return given.credentials;
        }
        String user = given.get(USER);
        String password = given.get(PASSWORD);
        Path passwordFile = given.get(PASSWORD_FILE);
        String passwordEnv = given.get(PASSWORD_ENV);
        int sources = (password != null ? 1 : 0) + (passwordFile != null ? 1 : 0) + (passwordEnv != null ? 1 : 0);
        check(USER.key(), user != null || sources == 0, "a password is set but no user: add embedded.user");
        if (user == null) {
            return null;
        }
        check(USER.key(), sources == 1, sources == 0
                ? "user '" + user + "' needs a password: set embedded.password-file (or embedded.password-env, "
                + "or embedded.password)" : "set one of embedded.password, embedded.password-file and "
                + "embedded.password-env, not " + sources);
        return password != null ? Credentials.of(user, password)
                : passwordFile != null ? Credentials.fromFile(user, passwordFile)
                : Credentials.fromEnvironment(user, passwordEnv);
    }

    private void check(String key, boolean ok, String problem) {
        if (!ok) {
            throw given.problem(key, problem);
        }
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::");
    }
}
