/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.JoinTimeoutException;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.datadir.JoinRecord;
import io.github.embeddedetcd.internal.util.Pause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Adds a member to an existing cluster as a learner, idempotently: a member already registered
 * with this member's peer URL (an earlier join that crashed before starting) is reused. etcd allows
 * one learner at a time, so "too many learners", "unhealthy cluster" and unreachable endpoints are
 * retried with jittered backoff until the join timeout (and "member not found", see
 * {@link #NEXT_SECOND}, a second later). A registration of this peer URL that has run belongs to a
 * member whose data was lost: it is replaced ({@link LostVolume}). The registration is complete once the
 * cluster has decided its cluster version: a new member started before that exits with
 * "incompatible with current running cluster" (etcd accepts it only when a member it asks reports
 * a version, and a cluster started a moment ago may report "not decided" yet).
 */
public final class Joiner {

    private static final Logger LOG = LoggerFactory.getLogger(Joiner.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);
    private static final Duration VERSION_POLL = Duration.ofMillis(20);
    /**
     * etcd derives a new member's ID from its peer URLs and the current second, and answers an add
     * whose ID is a removed member's with "member not found": the same peer URLs removed and added
     * again within one second (a replaced member rejoining at once) get a new ID only in the next.
     */
    private static final Duration NEXT_SECOND = Duration.ofSeconds(1);

    private final EtcdConfig config;
    private final List<URI> endpoints;
    private final BooleanSupplier cancelled;

    private Optional<List<Member>> lastSeen = Optional.empty();
    private Optional<Member> formerSelf = Optional.empty();
    private ClusterCallException lastFailure;

    private Joiner(EtcdConfig config, List<URI> endpoints, BooleanSupplier cancelled) {
        this.config = config;
        this.endpoints = List.copyOf(endpoints);
        this.cancelled = cancelled;
    }

    /**
     * Registers the member described by {@code config} through the client URLs of existing members.
     *
     * @param cancelled checked between attempts: true ends the join with an exception
     * @return what etcd needs to start the member as part of the cluster, and a lost volume's registration it replaced
     * @throws JoinTimeoutException naming the cause (and a learner in the way) when the join
     *                              cannot complete within {@code embedded.join-timeout}
     * @throws EmbeddedEtcdException when etcd refuses the join for good, or it was cancelled
     */
    public static Joined register(EtcdConfig config, List<URI> endpoints, BooleanSupplier cancelled) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("join needs the client URL of at least one existing member");
        }
        return new Joiner(config, endpoints, cancelled).register();
    }

    /**
     * A registration, and the member it replaced: the one this member had been before it lost its
     * data dir ({@code embedded.rejoin-after-data-loss}).
     */
    public record Joined(JoinRecord record, Optional<Member> formerSelf) {
    }

    private Joined register() {
        long deadline = System.nanoTime() + config.joinTimeout().toNanos();
        ClusterCalls calls = ClusterCalls.connect(endpoints, EtcdAccess.of(config));
        JoinRecord record = addAsLearner(calls, deadline);
        awaitClusterVersion(calls, deadline);
        return new Joined(record, formerSelf);
    }

    private JoinRecord addAsLearner(ClusterCalls calls, long deadline) {
        Backoff backoff = new Backoff(FIRST_PAUSE, MAX_PAUSE);
        while (true) {
            requireNotCancelled();
            try {
                return attempt(calls);
            } catch (ClusterCallException e) {
                lastFailure = e;
                boolean removedIdThisSecond = e.error() == EtcdError.MEMBER_NOT_FOUND;
                if (!e.error().isTransient() && e.error() != EtcdError.PEER_URL_EXISTS && !removedIdThisSecond) {
                    throw new EmbeddedEtcdException("Cannot join member '" + config.name() + "' via " + endpoints
                            + ": " + e.getMessage(), e);
                }
                Duration pause = removedIdThisSecond ? NEXT_SECOND : backoff.next();
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw timedOut();
                }
                String why = removedIdThisSecond ? e.getMessage() + ": a member with these peer URLs was removed "
                        + "this second, so etcd gave the new one its ID" : e.getMessage();
                LOG.info("Join of '{}' not possible yet ({}); retrying in {} ms", config.name(), why, pause.toMillis());
                Pause.sleep(pause, "joining member '" + config.name() + "'");
            }
        }
    }

    /** Waits until a member we join through reports a decided cluster version. */
    private void awaitClusterVersion(ClusterCalls calls, long deadline) {
        while (true) {
            requireNotCancelled();
            for (URI endpoint : endpoints) {
                try {
                    if (calls.clusterVersion(endpoint).isPresent()) {
                        return;
                    }
                } catch (ClusterCallException unreachable) {
                    lastFailure = unreachable;
                }
            }
            if (System.nanoTime() + VERSION_POLL.toNanos() > deadline) {
                throw new JoinTimeoutException("Member '" + config.name() + "' was added as a learner, but the cluster "
                        + "at " + endpoints + " did not decide its cluster version within " + config.joinTimeout().toMillis()
                        + " ms (embedded.join-timeout), and etcd cannot start a new member before it has. A new "
                        + "cluster decides it as soon as its leader reaches every member; check that all members run.",
                        lastFailure);
            }
            Pause.sleep(VERSION_POLL, "waiting for the cluster version before starting member '" + config.name() + "'");
        }
    }

    private void requireNotCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new EmbeddedEtcdException("Join of member '" + config.name() + "' was cancelled (the member "
                    + "was closed)");
        }
    }

    private JoinRecord attempt(ClusterCalls calls) {
        List<Member> members = calls.members().members();
        lastSeen = Optional.of(members);
        Optional<Member> existing = members.stream().filter(this::hasOurPeerUrl).findFirst();
        if (existing.isPresent() && !existing.get().hasRun()) {
            LOG.info("Member '{}' is already registered as {} (an earlier join); reusing it", config.name(), existing.get());
            return record(existing.get().id(), members);
        }
        if (existing.isPresent()) {
            // its data dir is empty, yet the member has run: the volume was lost
            formerSelf = Optional.of(LostVolume.removeRegistration(config, calls, existing.get(), members));
        }
        ClusterCalls.Added added = calls.addLearner(config.initialAdvertisePeerUrls());
        LOG.info("Added '{}' to the cluster as learner {}", config.name(), added.member().idHex());
        return record(added.member().id(), added.members());
    }

    private boolean hasOurPeerUrl(Member member) {
        return member.peerUrls().stream().anyMatch(config.initialAdvertisePeerUrls()::contains);
    }

    private JoinRecord record(long memberId, List<Member> members) {
        Map<String, List<URI>> initialCluster = new LinkedHashMap<>();
        for (Member m : members) {
            String name = m.id() == memberId ? config.name() : m.started() ? m.name() : "unstarted-" + m.idHex();
            initialCluster.put(name, m.peerUrls());
        }
        return new JoinRecord(memberId, initialCluster, endpoints);
    }

    private JoinTimeoutException timedOut() {
        String cause = switch (lastFailure.error()) {
            case TOO_MANY_LEARNERS -> "etcd allows one learner at a time and " + learnerInTheWay()
                    + " is still waiting for promotion. Start that member (or remove it), or raise embedded.join-timeout.";
            case UNHEALTHY_CLUSTER -> "the leader lost contact with a quorum of members recently. Check that a "
                    + "majority of the members is running.";
            case UNREACHABLE -> "no member answered. Check that " + endpoints + " are client URLs (port 2379 by "
                    + "default) of running members, reachable from here.";
            case PEER_URL_EXISTS -> "etcd kept answering that a member with the peer URL "
                    + config.initialAdvertisePeerUrls() + " already exists. Check that no second process joins with "
                    + "the same config, or remove that member first.";
            default -> "the last attempt failed; see the last error and raise embedded.join-timeout if the cluster "
                    + "was busy.";
        };
        return new JoinTimeoutException("Could not join member '" + config.name() + "' via " + endpoints
                + " within " + config.joinTimeout().toMillis() + " ms (embedded.join-timeout): " + cause
                + " Last error: " + lastFailure.getMessage(), lastFailure);
    }

    private String learnerInTheWay() {
        return lastSeen.flatMap(members -> members.stream().filter(Member::learner).findFirst())
                .map(Member::toString).orElse("another learner");
    }
}
