/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.Credentials;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.cluster.ClusterCallException;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.EtcdAccess;
import io.github.embeddedetcd.internal.cluster.JetcdClients;
import io.github.embeddedetcd.internal.cluster.MembershipOperations;
import io.github.embeddedetcd.internal.config.Values;
import io.github.embeddedetcd.internal.process.HealthProbe;
import io.github.embeddedetcd.internal.snapshot.SnapshotFiles;
import io.github.embeddedetcd.snapshot.Snapshot;
import io.github.embeddedetcd.snapshot.SnapshotException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Administers a running etcd cluster from outside it, through any of its members' client URLs:
 * lists, promotes and removes members, reads each member's status, health and the cluster
 * version, saves snapshots. Every call has a deadline ({@code requestTimeout}); unreachable endpoints are skipped.
 *
 * <pre>{@code
 * EtcdAdmin admin = EtcdAdmin.connect(URI.create("http://127.0.0.1:2379"));
 * admin.members().forEach(System.out::println);
 * admin.remove("node-3");
 * }</pre>
 */
public final class EtcdAdmin {

    private final List<URI> endpoints;
    private final EtcdAccess access;
    private final ClusterCalls calls;
    private final MembershipOperations operations;

    private EtcdAdmin(Builder builder) {
        this.endpoints = List.copyOf(builder.endpoints);
        this.access = EtcdAccess.of(builder.tls, Optional.ofNullable(builder.credentials), builder.requestTimeout);
        this.calls = ClusterCalls.connect(endpoints, access);
        this.operations = new MembershipOperations(calls, builder.reconfigTimeout);
    }

    /** Calls the cluster at these client URLs with the default deadlines (5 s per request). */
    public static EtcdAdmin connect(URI... endpoints) {
        return builder().endpoints(endpoints).build();
    }

    /** Calls the cluster at these client URLs with the default deadlines (5 s per request). */
    public static EtcdAdmin connect(List<URI> endpoints) {
        return builder().endpoints(endpoints).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses endpoints as etcdctl's {@code --endpoints} takes them: http(s) URLs with host and
     * port, separated by commas.
     *
     * @throws IllegalArgumentException saying what is wrong with which URL
     */
    public static List<URI> parseEndpoints(String commaSeparated) {
        return Values.urls(commaSeparated);
    }

    /** The client URLs this admin calls, in the order tried. */
    public List<URI> endpoints() {
        return endpoints;
    }

    /**
     * Every member, with the leader flagged and, where it answered in time, its raft status.
     * A member added but not started yet has an empty name and no client URLs.
     */
    public List<Member> members() {
        return operations.members();
    }

    /**
     * The member with this name.
     *
     * @throws MemberNotFoundException listing the members when none has this name
     */
    public Member member(String name) {
        return operations.byName(name);
    }

    /** The current leader, as the members that answered in time report it. */
    public Optional<Member> leader() {
        return members().stream().filter(Member::leader).findFirst();
    }

    /**
     * Promotes the learner with this name, retrying while it catches up with the leader, up to
     * {@code timeout}; a member that already votes counts as done.
     *
     * @throws MemberNotFoundException listing the members when none has this name
     * @throws QuorumRefusedException  when the promotion would leave too few started voters
     */
    public void promote(String name, Duration timeout) {
        operations.promote(operations.byName(name), timeout);
    }

    /**
     * Removes the member with this name. A refusal for "unhealthy cluster" (etcd's 5 s rule after a
     * reconnect) is retried for the reconfiguration timeout.
     *
     * @return the member removed
     * @throws MemberNotFoundException listing the members when none has this name
     * @throws QuorumRefusedException  when etcd refuses to protect its quorum
     */
    public Member remove(String name) {
        Member member = operations.byName(name);
        return operations.remove(member.id()).orElse(member);
    }

    /** Removes the member with this id, as {@link #remove(String)}; empty when it was already gone. */
    public Optional<Member> remove(long memberId) {
        return operations.remove(memberId);
    }

    /**
     * What the member at this client URL says of itself.
     *
     * @throws EmbeddedEtcdException when it does not answer within the request timeout
     */
    public MemberStatus status(URI clientUrl) {
        return calls.status(clientUrl);
    }

    /** The status of each of these members that answered within the request timeout (asked at once). */
    public Map<URI, MemberStatus> statuses(List<URI> clientUrls) {
        return calls.statuses(clientUrls);
    }

    /** Whether the member at this client URL answers {@code /health} with healthy (it has a leader, no alarm). */
    public boolean isHealthy(URI clientUrl) {
        try {
            return new HealthProbe(clientUrl, access).isHealthy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Saves a snapshot of the first endpoint's member that answers and is a voter to {@code file},
     * as {@link EmbeddedEtcd#snapshot(Path)} does.
     *
     * @throws SnapshotException when no endpoint's member can take it, or saving fails; nothing is left at {@code file}
     */
    public Snapshot snapshot(Path file) {
        Map<URI, MemberStatus> answered = calls.statuses(endpoints);
        URI voter = endpoints.stream().filter(url -> answered.containsKey(url) && !answered.get(url).learner())
                .findFirst().orElseThrow(() -> new SnapshotException("Cannot take a snapshot to " + file + ": no voting "
                        + "member answered at " + endpoints + " within " + access.timeout().toMillis() + " ms (answered: "
                        + answered.keySet() + "). Check that the cluster runs and that these are its client URLs."));
        return SnapshotFiles.save(voter, access, file);
    }

    /**
     * The cluster version (e.g. {@code 3.5.0}) as the first member that answers reports it; empty
     * while a new cluster has not decided it yet.
     *
     * @throws EmbeddedEtcdException when no endpoint answers
     */
    public Optional<String> clusterVersion() {
        ClusterCallException last = null;
        for (URI endpoint : endpoints) {
            try {
                return calls.clusterVersion(endpoint);
            } catch (ClusterCallException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * A new jetcd client for the same endpoints; the caller closes it. It never waits for a dead
     * endpoint ({@code waitForReady(false)}): put a deadline on each call.
     */
    public Client newClient() {
        return JetcdClients.forEndpoints(endpoints, access);
    }

    @Override
    public String toString() {
        return "EtcdAdmin" + endpoints;
    }

    /** Settings of an {@link EtcdAdmin}. */
    public static final class Builder {
        private List<URI> endpoints = List.of();
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration reconfigTimeout = Duration.ofSeconds(15);
        private ClientTls tls = ClientTls.NONE;
        private Credentials credentials;

        private Builder() {
        }

        /** Client URLs of members of the cluster, tried in order. */
        public Builder endpoints(URI... urls) {
            return endpoints(Arrays.asList(urls));
        }

        /** Client URLs of members of the cluster, tried in order. */
        public Builder endpoints(List<URI> urls) {
            this.endpoints = List.copyOf(urls);
            return this;
        }

        /** Deadline of each request (default 5 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long a removal refused as "unhealthy cluster" is retried (default 15 s). */
        public Builder reconfigTimeout(Duration timeout) {
            this.reconfigTimeout = positive(timeout, "reconfigTimeout");
            return this;
        }

        /** TLS for https endpoints: the CA to trust and a client certificate (as etcdctl's --cacert, --cert, --key). */
        public Builder tls(ClientTls value) {
            this.tls = Objects.requireNonNull(value, "tls");
            return this;
        }

        /** The etcd user to authenticate as, on clusters with authentication on. */
        public Builder credentials(Credentials value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /**
         * Takes a member's settings: its deadlines ({@code embedded.request-timeout},
         * {@code embedded.reconfig-timeout}), its client TLS and its user.
         */
        public Builder settingsOf(EtcdConfig config) {
            requestTimeout(config.requestTimeout()).reconfigTimeout(config.reconfigTimeout()).tls(config.clientTls());
            config.credentials().ifPresent(this::credentials);
            return this;
        }

        /** @throws IllegalArgumentException when no endpoint is given */
        public EtcdAdmin build() {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("EtcdAdmin needs the client URL of at least one member");
            }
            return new EtcdAdmin(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
