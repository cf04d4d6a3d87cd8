/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MemberNotFoundException;
import io.github.embeddedetcd.MemberStatus;
import io.github.embeddedetcd.QuorumRefusedException;
import io.github.embeddedetcd.internal.util.Pause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Listing, removing and promoting members through {@link ClusterCalls}, with etcd's refusals
 * turned into plain words and typed exceptions. A removal refused as "unhealthy cluster" (etcd
 * wants the leader connected to its voters for 5 s after any reconnect) or met by an election is
 * retried until the reconfiguration timeout.
 */
public final class MembershipOperations {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipOperations.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private final ClusterCalls calls;
    private final Duration reconfigTimeout;

    /** @param reconfigTimeout how long a refused or unanswered change is retried ({@code embedded.reconfig-timeout}) */
    public MembershipOperations(ClusterCalls calls, Duration reconfigTimeout) {
        this.calls = calls;
        this.reconfigTimeout = reconfigTimeout;
    }

    /** Every member with leader flag and, where it answered in time, its status. */
    public List<Member> members() {
        List<Member> members = calls.members().members();
        List<URI> urls = members.stream().filter(m -> !m.clientUrls().isEmpty()).map(m -> m.clientUrls().get(0)).toList();
        Map<URI, MemberStatus> states = calls.statuses(urls);
        long leaderId = states.values().stream().mapToLong(MemberStatus::leaderId)
                .filter(id -> id != 0).findFirst().orElse(0);
        return members.stream().map(m -> m.with(m.id() == leaderId, m.clientUrls().isEmpty() ? Optional.empty()
                : Optional.ofNullable(states.get(m.clientUrls().get(0))).map(MemberStatus::raft))).toList();
    }

    /**
     * The member with this name.
     *
     * @throws MemberNotFoundException listing the members when none has that name
     */
    public Member byName(String name) {
        List<Member> members = calls.members().members();
        return members.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new MemberNotFoundException(name, members, "No member named '" + name
                        + "' in the cluster. Members: " + describe(members) + ". Check the name (etcdctl member list "
                        + "shows them)."));
    }

    /**
     * Removes a member; already gone counts as done.
     *
     * @return the member that was removed, empty when it was already gone
     * @throws QuorumRefusedException when etcd refuses because of its quorum, after retrying
     */
    public Optional<Member> remove(long memberId) {
        List<Member> members = calls.members().members();
        Optional<Member> member = members.stream().filter(m -> m.id() == memberId).findFirst();
        if (member.isEmpty()) {
            LOG.info("Member {} is not in the cluster (already removed)", Long.toHexString(memberId));
            return member;
        }
        if (!member.get().learner() && members.stream().filter(m -> !m.learner()).count() == 1) {
            throw new QuorumRefusedException("Cannot remove " + member.get() + ": it is the only voting member of its "
                    + "cluster, and a cluster cannot remove its last voter. To end the cluster, stop the member "
                    + "(close()) and delete its data dir.", null);
        }
        long deadline = System.nanoTime() + reconfigTimeout.toNanos();
        while (true) {
            try {
                calls.remove(memberId);
                LOG.info("Removed member {}", member.get());
                return member;
            } catch (ClusterCallException e) {
                if (e.error() == EtcdError.MEMBER_NOT_FOUND) {
                    return Optional.empty();
                }
                if (e.error() == EtcdError.UNHEALTHY_CLUSTER) {
                    requireQuorumWithout(member.get(), e);
                }
                boolean retry = e.error() == EtcdError.UNHEALTHY_CLUSTER || e.error() == EtcdError.UNREACHABLE;
                if (retry && System.nanoTime() < deadline) {
                    Pause.sleep(RETRY_PAUSE, "removing " + member.get());
                    continue;
                }
                throw removalFailure(member.get(), e);
            }
        }
    }

    /**
     * "Unhealthy cluster" passes once the leader has been connected to its voters for 5 s, unless
     * too few of the voters that would remain run at all: then waiting cannot help.
     */
    private void requireQuorumWithout(Member removed, ClusterCallException refusal) {
        RemainingVoters remaining = RemainingVoters.ask(calls, calls.members().members(), status -> true)
                .without(removed.id());
        if (!remaining.keepMajority()) {
            throw new QuorumRefusedException("etcd refused to remove " + removed + ": of the " + remaining.voters().size()
                    + " voting members that would remain, only " + remaining.answering().size() + " answer (not "
                    + "answering: " + String.join(", ", remaining.silent()) + "), fewer than the quorum of "
                    + remaining.majority() + ". Start the stopped members first, then remove it.", refusal);
        }
    }

    private EmbeddedEtcdException removalFailure(Member member, ClusterCallException e) {
        return switch (e.error()) {
            case NOT_ENOUGH_STARTED -> new QuorumRefusedException("etcd refused to remove " + member + ": the members "
                    + "left would not have a quorum of started members (strict reconfig check). Start the stopped "
                    + "members first, then remove it.", e);
            case UNHEALTHY_CLUSTER -> new QuorumRefusedException("etcd refused to remove " + member + " for "
                    + reconfigTimeout.toMillis() + " ms (embedded.reconfig-timeout): the leader has not been connected "
                    + "to a quorum of voters for 5 s (unhealthy cluster). Check that a majority of the members runs "
                    + "and can reach each other, then retry.", e);
            default -> new EmbeddedEtcdException("Cannot remove " + member + ": " + e.getMessage(), e);
        };
    }

    /**
     * Promotes a learner, retrying while it catches up, until the timeout; a voter counts as done.
     *
     * @throws QuorumRefusedException when the promotion would leave too few started voters
     */
    public void promote(Member learner, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                calls.promote(learner.id());
                LOG.info("Promoted {}", learner);
                return;
            } catch (ClusterCallException e) {
                if (e.error() == EtcdError.NOT_A_LEARNER) {
                    return;
                }
                if (e.error() == EtcdError.NOT_ENOUGH_STARTED) {
                    throw new QuorumRefusedException("etcd refused to promote " + learner + ": the voters would not "
                            + "have a quorum of started members. Start the stopped members first.", e);
                }
                if (!e.error().isTransient() || System.nanoTime() > deadline) {
                    throw new EmbeddedEtcdException("Cannot promote " + learner + ": " + e.getMessage()
                            + (e.error() == EtcdError.LEARNER_NOT_IN_SYNC ? ". It has not caught up with the leader "
                            + "within " + timeout.toMillis() + " ms; check that it runs and can reach the leader." : ""), e);
                }
                Pause.sleep(RETRY_PAUSE, "promoting " + learner);
            }
        }
    }

    /** The calls these operations go through. */
    public ClusterCalls calls() {
        return calls;
    }

    static String describe(List<Member> members) {
        return members.stream().map(m -> (m.started() ? m.name() : "(unstarted)") + " (" + m.idHex()
                + (m.learner() ? ", learner" : "") + ")").collect(Collectors.joining(", "));
    }
}
