/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.EtcdVersion;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.github.embeddedetcd.config.ValueType.BOOL;
import static io.github.embeddedetcd.config.ValueType.DURATION;
import static io.github.embeddedetcd.config.ValueType.ETCD_VALUE;
import static io.github.embeddedetcd.config.ValueType.PATH;
import static io.github.embeddedetcd.config.ValueType.TEXT;
import static io.github.embeddedetcd.config.ValueType.URLS;
import static io.github.embeddedetcd.config.ValueType.WORDS;

/**
 * Every setting a member has, each declared once: etcd's own keys, then the library's
 * {@code embedded:} section. A key added here is read from config files and Spring Boot
 * properties, checked, passed to etcd and documented, with no other edit.
 */
public final class Settings {

    private static final List<Setting<?>> ALL = new ArrayList<>();
    private static final Map<String, Setting<?>> BY_KEY = new HashMap<>();
    private static final EtcdVersion V3_4 = EtcdVersion.MINIMUM;
    private static final EtcdVersion V3_5 = new EtcdVersion(3, 5, 0);
    private static final EtcdVersion V3_5_5 = new EtcdVersion(3, 5, 5);
    private static final String ETCDS = "etcd's";

    public static final Setting<String> NAME = add("name", TEXT, null, "this host's name", "name",
            "The member's name, unique in its cluster.");
    public static final Setting<Path> DATA_DIR = add("data-dir", PATH, null, "<name>.etcd in the working directory",
            "data-dir", "Where etcd keeps its data.");
    public static final Setting<Path> WAL_DIR = etcd("wal-dir", PATH, "A separate directory for etcd's write-ahead log.");
    public static final Setting<List<URI>> LISTEN_PEER_URLS = add("listen-peer-urls", URLS, null,
            EtcdConfig.DEFAULT_PEER_URL.toString(), "listen-peer-urls", "URLs etcd serves its peers on.");
    public static final Setting<List<URI>> LISTEN_CLIENT_URLS = add("listen-client-urls", URLS, null,
            EtcdConfig.DEFAULT_CLIENT_URL.toString(), "listen-client-urls", "URLs etcd serves clients on.");
    public static final Setting<List<URI>> INITIAL_ADVERTISE_PEER_URLS = add("initial-advertise-peer-urls", URLS,
            null, "the listen peer URLs", "initial-advertise-peer-urls", "Peer URLs announced to the cluster.");
    public static final Setting<List<URI>> ADVERTISE_CLIENT_URLS = add("advertise-client-urls", URLS, null,
            "the listen client URLs", "advertise-client-urls", "Client URLs announced to the cluster.");
    public static final Setting<Map<String, List<URI>>> INITIAL_CLUSTER = add("initial-cluster", ValueType.MEMBERS,
            null, "this member alone", "initial-cluster",
            "The members a new cluster starts with: n1=http://host1:2380,n2=http://host2:2380.");
    public static final Setting<String> INITIAL_CLUSTER_TOKEN = etcd("initial-cluster-token", TEXT,
            "A token that keeps clusters bootstrapped from the same initial cluster apart.");
    public static final Setting<ClusterState> INITIAL_CLUSTER_STATE = add("initial-cluster-state",
            ValueType.CLUSTER_STATE, ClusterState.NEW, "new", "initial-cluster-state",
            "new to bootstrap a cluster, existing to start a member added to one (a used data dir always starts as existing).");
    public static final Setting<Integer> HEARTBEAT_INTERVAL = add("heartbeat-interval", ValueType.RAFT_MILLIS, null,
            "etcd's (100)", "heartbeat-interval", "Raft heartbeat interval in milliseconds.");
    public static final Setting<Integer> ELECTION_TIMEOUT = add("election-timeout", ValueType.RAFT_MILLIS, null,
            "etcd's (1000)", "election-timeout",
            "Raft election timeout in milliseconds; at least 5 times the heartbeat interval.");
    public static final Setting<Long> SNAPSHOT_COUNT = etcd("snapshot-count", ValueType.longs(1, Long.MAX_VALUE),
            "Applied entries between snapshots.");
    public static final Setting<Long> QUOTA_BACKEND_BYTES = etcd("quota-backend-bytes",
            ValueType.longs(0, Long.MAX_VALUE), "Backend size quota in bytes; beyond it etcd raises NOSPACE.");
    public static final Setting<Integer> MAX_SNAPSHOTS = etcd("max-snapshots", ValueType.ints(0, Integer.MAX_VALUE),
            "Snapshot files to keep (0 = unlimited).");
    public static final Setting<Integer> MAX_WALS = etcd("max-wals", ValueType.ints(0, Integer.MAX_VALUE),
            "WAL files to keep (0 = unlimited).");
    public static final Setting<Boolean> STRICT_RECONFIG_CHECK = etcd("strict-reconfig-check", BOOL,
            "Whether etcd refuses reconfigurations that could lose quorum.");
    public static final Setting<String> LOGGER = add("logger", ValueType.fixed("zap",
            "embedded-etcd always runs etcd with logger zap so that its output reaches SLF4J"), "zap", "zap", "logger",
            "etcd's logger; always zap, so that etcd's log reaches SLF4J.");
    public static final Setting<String> LOG_OUTPUTS = add("log-outputs", ValueType.fixed("stderr",
            "embedded-etcd reads etcd's log from its stderr and passes it to SLF4J"), "stderr", "stderr", "log-outputs",
            "Where etcd logs; always stderr, which the library passes to SLF4J.");
    public static final Setting<String> LOG_LEVEL = add("log-level", ValueType.oneOf(EtcdConfig.LOG_LEVELS), null,
            "etcd's (info)", "log-level", "etcd's log level: debug, info, warn, error, panic or fatal.");
    public static final Setting<Boolean> DEBUG = add("debug", BOOL, null, "false", null,
            "true means log-level debug (etcd 3.5 dropped its --debug flag).");
    public static final TransportSecuritySettings CLIENT_TRANSPORT_SECURITY = tls("client-transport-security", "",
            "client");
    public static final TransportSecuritySettings PEER_TRANSPORT_SECURITY = tls("peer-transport-security", "peer-",
            "peer");

    // etcd's own keys the library passes on unchanged, checked against the versions that know them
    static {
        etcdKey("auth-token", V3_4, "Auth token type: simple, or jwt with its options.");
        etcdKey("auth-token-ttl", V3_4, "Seconds a simple auth token lives.");
        // nothing else compacts an embedded cluster (no Kubernetes API server in front of it), and etcd's own
        // default never compacts: the history would grow until NOSPACE
        etcdDefault("auto-compaction-mode", V3_4, "periodic", "periodic or revision: how auto-compaction-retention is read.",
                "auto-compaction-retention");
        etcdDefault("auto-compaction-retention", V3_4, "1h", "History to keep when compacting automatically (e.g. 1h, "
                + "or a revision count); 0 = off.", "auto-compaction-mode");
        etcdKey("backend-batch-interval", V3_4, "Longest time before the backend commits a batch.");
        etcdKey("backend-batch-limit", V3_4, "Most operations before the backend commits a batch.");
        etcdKey("bcrypt-cost", V3_4, "bcrypt cost of hashing auth passwords.");
        etcdKey("cipher-suites", V3_4, "TLS cipher suites between clients, peers and the server, comma-separated.");
        etcdKey("client-cert-allowed-hostname", V3_4, "Allowed TLS hostname of client certificates.");
        etcdKey("client-crl-file", V3_4, "Certificate revocation list for client certificates.");
        etcdKey("cors", V3_4, "Origins allowed for CORS, comma-separated.");
        etcdKey("enable-pprof", V3_4, "Serve runtime profiling data at /debug/pprof on client URLs.");
        etcdKey("enable-v2", V3_4, "Serve the v2 API.");
        etcdKey("experimental-compaction-batch-limit", V3_4, "Revisions deleted per compaction batch.");
        etcdDefault("experimental-corrupt-check-time", V3_4, "1h", "How often the leader compares the members' data "
                + "hashes; a mismatch raises the CORRUPT alarm.");
        etcdKey("experimental-enable-lease-checkpoint", V3_4, "Let the leader checkpoint lease TTLs to the cluster.");
        etcdKey("experimental-enable-v2v3", V3_4, "Serve the v2 API from the v3 store, under this prefix.");
        etcdKey("experimental-initial-corrupt-check", V3_4, "Check the data for corruption before serving.");
        etcdKey("experimental-peer-skip-client-san-verification", V3_4, "Skip the SAN check of peer client certificates.");
        etcdKey("experimental-warning-apply-duration", V3_4, "Apply time above which etcd logs a warning.");
        etcdKey("experimental-watch-progress-notify-interval", V3_4, "Interval of watch progress notifications.");
        etcdKey("grpc-keepalive-interval", V3_4, "How often the server pings clients to check their connection.");
        etcdKey("grpc-keepalive-min-time", V3_4, "Shortest interval at which clients may ping the server.");
        etcdKey("grpc-keepalive-timeout", V3_4, "How long the server waits for a ping's answer before closing.");
        etcdKey("host-whitelist", V3_4, "Hosts accepted in HTTP requests to the client URLs, comma-separated.");
        etcdKey("initial-election-tick-advance", V3_4, "Advance election ticks on start, for a faster first election.");
        etcdKey("listen-metrics-urls", V3_4, "Further URLs serving /metrics and /health.");
        etcdKey("max-concurrent-streams", V3_4, "Most concurrent gRPC streams per client connection.");
        etcdKey("max-request-bytes", V3_4, "Largest client request etcd accepts, in bytes.");
        etcdKey("max-txn-ops", V3_4, "Most operations in one transaction.");
        etcdKey("metrics", V3_4, "basic or extensive: how many metrics etcd exports.");
        etcdKey("peer-cert-allowed-cn", V3_4, "Allowed common name of peer client certificates.");
        etcdKey("peer-cert-allowed-hostname", V3_4, "Allowed TLS hostname of peer certificates.");
        etcdKey("peer-crl-file", V3_4, "Certificate revocation list for peer certificates.");
        etcdKey("pre-vote", V3_4, "Raft pre-vote: a rejoining member cannot disrupt a healthy leader.");
        add("experimental-backend-bbolt-freelist-type", ETCD_VALUE, null, ETCDS,
                "experimental-backend-bbolt-freelist-type", "array or map: bbolt's freelist (3.5 names it backend-bbolt-freelist-type).",
                V3_4, V3_5, List.of());
        etcdKey("backend-bbolt-freelist-type", V3_5, "array or map: bbolt's freelist type.");
        etcdKey("experimental-bootstrap-defrag-threshold-megabytes", V3_5, "Free space above which etcd defragments on start.");
        etcdDefault("experimental-compact-hash-check-enabled", V3_5_5, "true", "Let the leader check followers' "
                + "hashes after compactions.");
        etcdKey("experimental-compact-hash-check-time", V3_5, "How often the leader checks compaction hashes.");
        etcdKey("experimental-compaction-sleep-interval", V3_5, "Pause between compaction batches.");
        etcdKey("experimental-downgrade-check-time", V3_5, "How often etcd checks for a cluster downgrade.");
        etcdKey("experimental-enable-lease-checkpoint-persist", V3_5, "Persist lease checkpoints across restarts.");
        etcdKey("experimental-memory-mlock", V3_5, "Lock etcd's memory in RAM.");
        etcdKey("experimental-stop-grpc-service-on-defrag", V3_5, "Report not-serving to gRPC health checks while defragmenting.");
        etcdKey("experimental-txn-mode-write-with-shared-buffer", V3_5, "Let write transactions share the read buffer.");
        etcdKey("raft-read-timeout", V3_5, "Read timeout of raft peer connections.");
        etcdKey("raft-write-timeout", V3_5, "Write timeout of raft peer connections.");
        etcdKey("self-signed-cert-validity", V3_5, "Years auto-tls certificates are valid.");
        etcdKey("socket-reuse-address", V3_5, "Set SO_REUSEADDR on etcd's listeners.");
        etcdKey("socket-reuse-port", V3_5, "Set SO_REUSEPORT on etcd's listeners.");
        etcdKey("tls-max-version", V3_5, "Highest TLS version etcd accepts (TLS1.2 or TLS1.3).");
        etcdKey("tls-min-version", V3_5, "Lowest TLS version etcd accepts (TLS1.2 or TLS1.3).");
        etcdKey("unsafe-no-fsync", V3_5, "Skip fsync: faster, and data is lost on a crash. Never in production.");
        etcdKey("v2-deprecation", V3_5, "Phase of the v2 store's deprecation.");
    }

    public static final Setting<Path> BINARY = library("embedded.binary", PATH, null,
            "ETCD_BINARY, a binaries jar on the classpath, then etcd on PATH", "The etcd executable.");
    public static final Setting<Boolean> AUTO_PROMOTE = library("embedded.auto-promote", BOOL, true, null,
            "Whether this member, while it leads, promotes learners that have caught up.");
    public static final Setting<Duration> START_TIMEOUT = library("embedded.start-timeout", DURATION,
            Duration.ofSeconds(30), null, "How long start() waits for etcd to become healthy.");
    public static final Setting<Duration> STOP_TIMEOUT = library("embedded.stop-timeout", DURATION,
            Duration.ofSeconds(10), null, "How long close() waits after SIGTERM before killing etcd.");
    public static final Setting<Duration> REQUEST_TIMEOUT = library("embedded.request-timeout", DURATION,
            Duration.ofSeconds(5), null, "Deadline of each etcd call the library makes.");
    public static final Setting<List<String>> EXTRA_ARGS = library("embedded.extra-args", WORDS, List.of(), "none",
            "Further etcd command-line flags, passed last and as given.");
    public static final Setting<List<String>> COMMAND_PREFIX = library("embedded.command-prefix", WORDS, List.of(),
            "none", "A command etcd runs under, which must exec it in place: [ip, netns, exec, ns1] or [nice, -n, 5].");
    public static final Setting<Duration> JOIN_TIMEOUT = library("embedded.join-timeout", DURATION,
            Duration.ofMinutes(2), null, "How long joining keeps trying, and waits for promotion.");
    public static final Setting<List<URI>> JOIN_ENDPOINTS = library("embedded.join-endpoints", URLS, List.of(), "none",
            "Client URLs of the cluster this member belongs to: a fresh or removed member joins through them.");
    public static final Setting<List<URI>> PEER_ENDPOINTS = library("embedded.peer-endpoints", URLS, List.of(), "none",
            "Client URLs of every member the cluster may have, this one's included, given alike to all (e.g. a "
            + "StatefulSet's pod names): the first one listed bootstraps, the others join through the rest; "
            + "an empty data dir first asks them for a running cluster.");
    public static final Setting<Duration> DISCOVERY_TIMEOUT = library("embedded.discovery-timeout", DURATION,
            Duration.ofSeconds(10), null, "How long the first of embedded.peer-endpoints, on an empty data dir, asks "
            + "the others for a running cluster to join before it bootstraps a new one.");
    public static final Setting<Boolean> REJOIN_AFTER_DATA_LOSS = library("embedded.rejoin-after-data-loss", BOOL,
            true, null, "Whether a member whose data dir is empty while its peer URL is still registered as a "
            + "started member (a lost volume) removes that registration and joins anew as a learner, while the "
            + "others keep a majority without it.");
    public static final Setting<Boolean> AWAIT_PROMOTION = library("embedded.await-promotion", BOOL, true, null,
            "Whether joining returns once promoted to voter, rather than once the learner runs.");
    public static final Setting<Duration> PROMOTION_CHECK_INTERVAL = library("embedded.promotion-check-interval",
            DURATION, Duration.ofMillis(100), null,
            "How often members poll while a learner exists; the leader then promotes it.");
    public static final Setting<Duration> LEARNER_STALL_TIMEOUT = library("embedded.learner-stall-timeout", DURATION,
            Duration.ofMinutes(5), null, "A learner without raft progress this long is removed from the cluster.");
    public static final Setting<Duration> REMOVE_UNREACHABLE_AFTER = library("embedded.remove-unreachable-after",
            DURATION, null, "off", "Opt-in: the leader removes a voter that has not answered as its follower this long "
            + "(killed, paused, cut off), one at a time, while the voters that answer stay a majority and "
            + "embedded.minimum-voters remain.");
    public static final Setting<Integer> MINIMUM_VOTERS = library("embedded.minimum-voters",
            ValueType.ints(1, 1_000), 3, null, "Fewest voters a removal of an unreachable voter may leave.");
    public static final Setting<Duration> RECONFIG_TIMEOUT = library("embedded.reconfig-timeout", DURATION,
            Duration.ofSeconds(15), null,
            "How long a removal refused as \"unhealthy cluster\" is retried (etcd refuses for 5 s after a leader reconnects to a voter).");
    public static final Setting<Duration> UPKEEP_INTERVAL = library("embedded.upkeep-interval", DURATION,
            Duration.ofSeconds(30), null, "How often each member reads etcd's alarms and its database's size; the "
            + "leader then clears NOSPACE or defragments what is due.");
    public static final Setting<Integer> QUOTA_WARNING_PERCENT = library("embedded.quota-warning-percent",
            ValueType.ints(1, 100), 80, null, "Share of the quota (quota-backend-bytes, etcd's 2 GiB when not set) "
            + "at which a member warns, once, that its database fills up.");
    public static final Setting<Boolean> CLEAR_NOSPACE = library("embedded.clear-nospace", BOOL, true, null,
            "Whether the leader clears etcd's NOSPACE alarm: it compacts the whole history, defragments every member, "
            + "and disarms only once every database is below embedded.quota-warning-percent of the quota.");
    public static final Setting<Boolean> DEFRAG = library("embedded.defrag", BOOL, true, null, "Whether the leader "
            + "defragments members that could give back embedded.defrag-threshold-bytes, one at a time: followers "
            + "first, itself after handing leadership over; each within the request timeout plus 1 s per 10 MB.");
    public static final Setting<Duration> DEFRAG_INTERVAL = library("embedded.defrag-interval", DURATION,
            Duration.ofHours(1), null, "How often the leader looks for members to defragment.");
    public static final Setting<Long> DEFRAG_THRESHOLD_BYTES = library("embedded.defrag-threshold-bytes",
            ValueType.longs(1, Long.MAX_VALUE), null, "a tenth of the quota", "Space a member's database could give "
            + "back (its size less its size in use) from which it is defragmented.");
    public static final Setting<Duration> SNAPSHOT_INTERVAL = library("embedded.snapshot-interval", DURATION, null,
            "none: no scheduled snapshots", "How often the cluster saves a snapshot; one member takes each, a follower "
            + "when there is one.");
    public static final Setting<Path> SNAPSHOT_DIR = library("embedded.snapshot-dir", PATH, null,
            "snapshots, next to the data dir", "Where this member saves scheduled snapshots and keeps the newest.");
    public static final Setting<Integer> SNAPSHOT_RETENTION = library("embedded.snapshot-retention",
            ValueType.ints(1, 100_000), 5, null, "How many scheduled snapshots of the cluster the snapshot dir keeps; "
            + "older ones are deleted once a new one is saved.");
    public static final Setting<Duration> SNAPSHOT_CHECK_INTERVAL = library("embedded.snapshot-check-interval",
            DURATION, Duration.ofHours(1), null, "How often the member taking scheduled snapshots proves one "
            + "restorable (restores the one just saved with etcd's tool and starts etcd on it alone, on loopback); "
            + "at once whenever none of the retained snapshots is proven.");
    public static final Setting<Path> RESTORE_FROM = library("embedded.restore-from", PATH, null, "none",
            "A snapshot the first start builds a new one-member cluster from, into an empty data dir.");
    public static final Setting<ForceNewCluster> FORCE_NEW_CLUSTER = library("embedded.force-new-cluster",
            ValueType.FORCE_NEW_CLUSTER, ForceNewCluster.OFF, ForceNewCluster.OFF.value(), "Recovery from a lost "
            + "majority: the next start resets the cluster to this member alone on its own data (etcd's --force-new-cluster), once; "
            + "if-majority-lost refuses while a majority of the old members answers, insist resets even then.");
    public static final Setting<Path> CACERT = library("embedded.cacert", PATH, null,
            "client-transport-security.trusted-ca-file", "CA the library's clients trust for members' certificates.");
    public static final Setting<Path> CERT = library("embedded.cert", PATH, null,
            "client-transport-security.cert-file where members ask for client certificates",
            "Client certificate the library's clients present (with embedded.key).");
    public static final Setting<Path> KEY = library("embedded.key", PATH, null, "client-transport-security.key-file "
            + "where members ask for client certificates", "PKCS#8 key of embedded.cert.");
    public static final Setting<String> USER = library("embedded.user", TEXT, null, "none",
            "The etcd user the library's clients authenticate as, with one of the password settings.");
    public static final Setting<String> PASSWORD = library("embedded.password", ValueType.SECRET, null, "none",
            "The user's password itself; prefer embedded.password-file or embedded.password-env.");
    public static final Setting<Path> PASSWORD_FILE = library("embedded.password-file", PATH, null, "none",
            "A file holding the user's password.");
    public static final Setting<String> PASSWORD_ENV = library("embedded.password-env", TEXT, null, "none",
            "An environment variable holding the user's password.");

    private Settings() {
    }

    /** Every setting, in documentation order. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The setting of a config-file key, e.g. {@code embedded.join-timeout}. */
    public static Optional<Setting<?>> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The sections whose keys are written on indented lines below them. */
    static boolean isSection(String name) {
        return name.equals(CLIENT_TRANSPORT_SECURITY.section()) || name.equals(PEER_TRANSPORT_SECURITY.section())
                || name.equals("embedded");
    }

    /**
     * The setting a misspelt key most likely means; a key of the {@code embedded:} section also
     * matches without its section, as the Spring Boot properties write it.
     */
    public static Optional<Setting<?>> nearest(String misspelt) {
        Map<String, Setting<?>> candidates = new HashMap<>();
        for (Setting<?> setting : ALL) {
            candidates.put(setting.key(), setting);
            if (setting.key().startsWith("embedded.")) {
                candidates.putIfAbsent(setting.key().substring("embedded.".length()), setting);
            }
        }
        return NearestKey.find(misspelt, candidates.keySet()).map(candidates::get);
    }

    /** Why a key is unknown, with the nearest known one (the application's own keys included). */
    static String unknownKey(String key, Collection<String> applicationKeys) {
        Set<String> known = new LinkedHashSet<>(BY_KEY.keySet().size() + applicationKeys.size());
        ALL.forEach(setting -> known.add(setting.key()));
        known.addAll(applicationKeys);
        String hint = NearestKey.find(key, known)
                .map(k -> "did you mean '" + k + "'" + (k.contains(".") && !key.contains(".")
                        ? " (under the '" + k.substring(0, k.indexOf('.')) + ":' section)" : "") + "?")
                .orElse("known keys are: " + String.join(", ", known) + ".");
        return "unknown key; " + hint + " For an etcd flag embedded-etcd does not know, list it under "
                + "embedded.extra-args (e.g. extra-args: [\"--flag=value\"]).";
    }

    private static <T> Setting<T> etcd(String key, ValueType<T> type, String description) {
        return add(key, type, null, ETCDS, key, description);
    }

    private static void etcdKey(String key, EtcdVersion since, String description) {
        add(key, ETCD_VALUE, null, ETCDS, key, description, since, null, List.of());
    }

    /**
     * One of etcd's keys with the library's own default, passed where the etcd knows the key and
     * the user gave neither it nor a key it goes with (in the config or in {@code embedded.extra-args}).
     */
    private static void etcdDefault(String key, EtcdVersion since, String value, String description,
                                    String... goesWith) {
        List<String> yieldsTo = new ArrayList<>(List.of(goesWith));
        yieldsTo.add(0, key);
        String words = value + (since.equals(V3_4) ? "" : " from etcd " + since)
                + (goesWith.length == 0 ? "" : ", unless " + String.join(" or ", goesWith) + " is given");
        add(key, ETCD_VALUE, value, words, key, description, since, null, yieldsTo);
    }

    private static <T> Setting<T> library(String key, ValueType<T> type, T defaultValue, String defaultDescription,
                                          String description) {
        return add(key, type, defaultValue, defaultDescription != null ? defaultDescription : inWords(defaultValue),
                null, description);
    }

    /** A default as a config file would write it: {@code 100ms}, {@code 30s}, {@code 2m}, {@code true}. */
    private static String inWords(Object value) {
        if (value instanceof Duration d) {
            return d.toMillis() % 1000 != 0 ? d.toMillis() + "ms" : d.toSeconds() % 60 != 0 ? d.toSeconds() + "s"
                    : d.toMinutes() % 60 != 0 ? d.toMinutes() + "m" : d.toHours() + "h";
        }
        return String.valueOf(value);
    }

    private static TransportSecuritySettings tls(String section, String flagPrefix, String urls) {
        return new TransportSecuritySettings(section,
                add(section + ".cert-file", PATH, null, "none", flagPrefix + "cert-file",
                        "Certificate etcd presents on its " + urls + " URLs."),
                add(section + ".key-file", PATH, null, "none", flagPrefix + "key-file", "Key of cert-file."),
                add(section + ".client-cert-auth", BOOL, null, "false", flagPrefix + "client-cert-auth",
                        "Whether etcd asks " + urls + "s for a certificate signed by trusted-ca-file."),
                add(section + ".trusted-ca-file", PATH, null, "none", flagPrefix + "trusted-ca-file",
                        "CA that signs the " + urls + " certificates etcd accepts."),
                add(section + ".auto-tls", BOOL, null, "false", flagPrefix + "auto-tls",
                        "Whether etcd makes itself a self-signed certificate for its " + urls + " URLs."));
    }

    private static <T> Setting<T> add(String key, ValueType<T> type, T defaultValue, String defaultDescription,
                                      String flag, String description) {
        return add(key, type, defaultValue, defaultDescription, flag, description, V3_4, null, List.of());
    }

    private static <T> Setting<T> add(String key, ValueType<T> type, T defaultValue, String defaultDescription,
                                      String flag, String description, EtcdVersion since, EtcdVersion until,
                                      List<String> defaultYieldsTo) {
        Setting<T> setting = new Setting<>(key, type, defaultValue, defaultDescription, description, flag, since, until,
                defaultYieldsTo);
        ALL.add(setting);
        BY_KEY.put(key, setting);
        return setting;
    }
}
