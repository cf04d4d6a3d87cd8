/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The member's settings under {@code embedded.etcd}: the keys of embedded-etcd's YAML config file
 * with the same names, the {@code embedded:} section's keys directly under the prefix
 * ({@code embedded.join-endpoints} is {@code embedded.etcd.join-endpoints}). Settings left unset
 * keep the config file's value ({@link #getConfig()}) or the library's default.
 */
@ConfigurationProperties(prefix = EmbeddedEtcdProperties.PREFIX)
public class EmbeddedEtcdProperties {

    /** The prefix of these properties. */
    public static final String PREFIX = "embedded.etcd";

    /** Whether to run an etcd member in this application. */
    private boolean enabled = true;
    /** An embedded-etcd YAML config file to start from; the properties set here override its keys. */
    private Path config;
    /** The member's name, unique in its cluster. Default: this host's name. */
    private String name;
    /** Where etcd keeps its data. Default: {@code <name>.etcd} in the working directory. */
    private Path dataDir;
    /** A separate directory for etcd's write-ahead log. */
    private Path walDir;
    /** URLs etcd serves clients on. Default: http://127.0.0.1:2379. */
    private List<URI> listenClientUrls;
    /** URLs etcd serves its peers on. Default: http://127.0.0.1:2380. */
    private List<URI> listenPeerUrls;
    /** Client URLs announced to the cluster. Default: the listen client URLs. */
    private List<URI> advertiseClientUrls;
    /** Peer URLs announced to the cluster. Default: the listen peer URLs. */
    private List<URI> initialAdvertisePeerUrls;
    /** The members a new cluster starts with: {@code n1=http://host1:2380,n2=http://host2:2380}. Default: this member alone. */
    private String initialCluster;
    /** A token that keeps clusters bootstrapped from the same initial cluster apart. */
    private String initialClusterToken;
    /** {@code new} to bootstrap a cluster, {@code existing} to start a member added to one. */
    private String initialClusterState;
    /** Raft heartbeat interval (etcd's default: 100 ms). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration heartbeatInterval;
    /** Raft election timeout (etcd's default: 1000 ms). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration electionTimeout;
    /** Applied entries between snapshots. */
    private Long snapshotCount;
    /** Backend size quota in bytes. */
    private Long quotaBackendBytes;
    /** Snapshot files to keep (0 = unlimited). */
    private Integer maxSnapshots;
    /** WAL files to keep (0 = unlimited). */
    private Integer maxWals;
    /** Whether etcd refuses reconfigurations that could lose quorum. */
    private Boolean strictReconfigCheck;
    /** etcd's log level: debug, info, warn, error, panic or fatal. */
    private String logLevel;
    /** etcd's debug logging. */
    private Boolean debug;
    /** TLS of the client URLs (etcd's client-transport-security). */
    private final TransportSecurity clientTransportSecurity = new TransportSecurity();
    /** TLS of the peer URLs (etcd's peer-transport-security). */
    private final TransportSecurity peerTransportSecurity = new TransportSecurity();

    /** The etcd executable. Default: ETCD_BINARY, a binaries jar on the classpath, then etcd on PATH. */
    private Path binary;
    /** Whether this member, while it leads, promotes learners that have caught up. */
    private Boolean autoPromote;
    /** Client URLs of an existing cluster: the member joins it (as a learner, then promoted) instead of bootstrapping one. */
    private List<URI> joinEndpoints;
    /** Whether starting a joining member waits until it is promoted to a voter. */
    private Boolean awaitPromotion;
    /** How long etcd may take to become healthy. */
    private Duration startTimeout;
    /** How long a graceful stop may take before etcd is killed. */
    private Duration stopTimeout;
    /** The deadline of each call the library makes to etcd. */
    private Duration requestTimeout;
    /** How long a join may take, from adding the learner to its promotion. */
    private Duration joinTimeout;
    /** How often a learner's progress is checked for promotion. */
    private Duration promotionCheckInterval;
    /** How long a learner may make no progress before a warning. */
    private Duration learnerStallTimeout;
    /** The deadline of a membership change (add, promote, remove). */
    private Duration reconfigTimeout;
    /** etcd flags the library does not model, one per element, e.g. [--auto-compaction-retention=1]. */
    private List<String> extraArgs;
    /** A command etcd is run under, one word per element, e.g. [taskset, -c, 1]. */
    private List<String> commandPrefix;
    /** The CA the library's own client trusts for https client URLs. */
    private Path cacert;
    /** The library client's certificate, for etcd's client-cert-auth. */
    private Path cert;
    /** The library client's key (PKCS#8 PEM). */
    private Path key;
    /** The etcd user the library authenticates as when etcd's auth is on. */
    private String user;
    /** That user's password; prefer password-file or password-env. */
    private String password;
    /** A file holding that user's password. */
    private Path passwordFile;
    /** An environment variable holding that user's password. */
    private String passwordEnv;

    /** One side's TLS, as in etcd's config file. */
    public static class TransportSecurity {
        /** The server certificate (PEM). */
        private Path certFile;
        /** The server key (PEM). */
        private Path keyFile;
        /** The CA that client (or peer) certificates must chain to. */
        private Path trustedCaFile;
        /** Whether clients (or peers) must present a certificate. */
        private Boolean clientCertAuth;
        /** Whether etcd generates self-signed certificates itself. */
        private Boolean autoTls;

        public Path getCertFile() { return certFile; }
        public void setCertFile(Path certFile) { this.certFile = certFile; }
        public Path getKeyFile() { return keyFile; }
        public void setKeyFile(Path keyFile) { this.keyFile = keyFile; }
        public Path getTrustedCaFile() { return trustedCaFile; }
        public void setTrustedCaFile(Path trustedCaFile) { this.trustedCaFile = trustedCaFile; }
        public Boolean getClientCertAuth() { return clientCertAuth; }
        public void setClientCertAuth(Boolean clientCertAuth) { this.clientCertAuth = clientCertAuth; }
        public Boolean getAutoTls() { return autoTls; }
        public void setAutoTls(Boolean autoTls) { this.autoTls = autoTls; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Path getConfig() { return config; }
    public void setConfig(Path config) { this.config = config; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
    public Path getWalDir() { return walDir; }
    public void setWalDir(Path walDir) { this.walDir = walDir; }
    public List<URI> getListenClientUrls() { return listenClientUrls; }
    public void setListenClientUrls(List<URI> listenClientUrls) { this.listenClientUrls = listenClientUrls; }
    public List<URI> getListenPeerUrls() { return listenPeerUrls; }
    public void setListenPeerUrls(List<URI> listenPeerUrls) { this.listenPeerUrls = listenPeerUrls; }
    public List<URI> getAdvertiseClientUrls() { return advertiseClientUrls; }
    public void setAdvertiseClientUrls(List<URI> advertiseClientUrls) { this.advertiseClientUrls = advertiseClientUrls; }
    public List<URI> getInitialAdvertisePeerUrls() { return initialAdvertisePeerUrls; }
    public void setInitialAdvertisePeerUrls(List<URI> urls) { this.initialAdvertisePeerUrls = urls; }
    public String getInitialCluster() { return initialCluster; }
    public void setInitialCluster(String initialCluster) { this.initialCluster = initialCluster; }
    public String getInitialClusterToken() { return initialClusterToken; }
    public void setInitialClusterToken(String initialClusterToken) { this.initialClusterToken = initialClusterToken; }
    public String getInitialClusterState() { return initialClusterState; }
    public void setInitialClusterState(String initialClusterState) { this.initialClusterState = initialClusterState; }
    public Duration getHeartbeatInterval() { return heartbeatInterval; }
    public void setHeartbeatInterval(Duration heartbeatInterval) { this.heartbeatInterval = heartbeatInterval; }
    public Duration getElectionTimeout() { return electionTimeout; }
    public void setElectionTimeout(Duration electionTimeout) { this.electionTimeout = electionTimeout; }
    public Long getSnapshotCount() { return snapshotCount; }
    public void setSnapshotCount(Long snapshotCount) { this.snapshotCount = snapshotCount; }
    public Long getQuotaBackendBytes() { return quotaBackendBytes; }
    public void setQuotaBackendBytes(Long quotaBackendBytes) { this.quotaBackendBytes = quotaBackendBytes; }
    public Integer getMaxSnapshots() { return maxSnapshots; }
    public void setMaxSnapshots(Integer maxSnapshots) { this.maxSnapshots = maxSnapshots; }
    public Integer getMaxWals() { return maxWals; }
    public void setMaxWals(Integer maxWals) { this.maxWals = maxWals; }
    public Boolean getStrictReconfigCheck() { return strictReconfigCheck; }
    public void setStrictReconfigCheck(Boolean strictReconfigCheck) { this.strictReconfigCheck = strictReconfigCheck; }
    public String getLogLevel() { return logLevel; }
    public void setLogLevel(String logLevel) { this.logLevel = logLevel; }
    public Boolean getDebug() { return debug; }
    public void setDebug(Boolean debug) { this.debug = debug; }
    public TransportSecurity getClientTransportSecurity() { return clientTransportSecurity; }
    public TransportSecurity getPeerTransportSecurity() { return peerTransportSecurity; }
    public Path getBinary() { return binary; }
    public void setBinary(Path binary) { this.binary = binary; }
    public Boolean getAutoPromote() { return autoPromote; }
    public void setAutoPromote(Boolean autoPromote) { this.autoPromote = autoPromote; }
    public List<URI> getJoinEndpoints() { return joinEndpoints; }
    public void setJoinEndpoints(List<URI> joinEndpoints) { this.joinEndpoints = joinEndpoints; }
    public Boolean getAwaitPromotion() { return awaitPromotion; }
    public void setAwaitPromotion(Boolean awaitPromotion) { this.awaitPromotion = awaitPromotion; }
    public Duration getStartTimeout() { return startTimeout; }
    public void setStartTimeout(Duration startTimeout) { this.startTimeout = startTimeout; }
    public Duration getStopTimeout() { return stopTimeout; }
    public void setStopTimeout(Duration stopTimeout) { this.stopTimeout = stopTimeout; }
    public Duration getRequestTimeout() { return requestTimeout; }
    public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
    public Duration getJoinTimeout() { return joinTimeout; }
    public void setJoinTimeout(Duration joinTimeout) { this.joinTimeout = joinTimeout; }
    public Duration getPromotionCheckInterval() { return promotionCheckInterval; }
    public void setPromotionCheckInterval(Duration interval) { this.promotionCheckInterval = interval; }
    public Duration getLearnerStallTimeout() { return learnerStallTimeout; }
    public void setLearnerStallTimeout(Duration learnerStallTimeout) { this.learnerStallTimeout = learnerStallTimeout; }
    public Duration getReconfigTimeout() { return reconfigTimeout; }
    public void setReconfigTimeout(Duration reconfigTimeout) { this.reconfigTimeout = reconfigTimeout; }
    public List<String> getExtraArgs() { return extraArgs; }
    public void setExtraArgs(List<String> extraArgs) { this.extraArgs = new ArrayList<>(extraArgs); }
    public List<String> getCommandPrefix() { return commandPrefix; }
    public void setCommandPrefix(List<String> commandPrefix) { this.commandPrefix = new ArrayList<>(commandPrefix); }
    public Path getCacert() { return cacert; }
    public void setCacert(Path cacert) { this.cacert = cacert; }
    public Path getCert() { return cert; }
    public void setCert(Path cert) { this.cert = cert; }
    public Path getKey() { return key; }
    public void setKey(Path key) { this.key = key; }
    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public Path getPasswordFile() { return passwordFile; }
    public void setPasswordFile(Path passwordFile) { this.passwordFile = passwordFile; }
    public String getPasswordEnv() { return passwordEnv; }
    public void setPasswordEnv(String passwordEnv) { this.passwordEnv = passwordEnv; }
}
