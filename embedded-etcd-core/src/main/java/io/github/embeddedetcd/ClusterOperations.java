/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.cluster.ClusterCallException;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.MembershipOperations;
import io.github.embeddedetcd.internal.cluster.MembershipView;
import io.github.embeddedetcd.internal.process.HealthProbe;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cluster as seen from one running member: listing, removing and promoting members through
 * it, its role, and its client. A learner cannot answer membership calls, so those go to the
 * voters it knows of.
 */
final class ClusterOperations {

    private static final Duration EXIT_AFTER_REMOVAL = Duration.ofSeconds(10);

    private final EtcdConfig config;
    private final Lifecycle lifecycle;

    ClusterOperations(EtcdConfig config, Lifecycle lifecycle) {
        this.config = config;
        this.lifecycle = lifecycle;
    }

    List<Member> members() {
        return onCluster(MembershipOperations::members);
    }

    void remove(String name) {
        Member member = onCluster(operations -> operations.byName(name));
        removeMember(member.id());
    }

    void remove(long memberId) {
        removeMember(memberId);
    }

    /**
     * Removes a member; when it is this member, waits for etcd to stop and ends the run. A member
     * asks the other voters to remove it: etcd stops a member as soon as it applies its own removal,
     * often before answering, and a retry would then find nobody there (seen once in a full build).
     */
    private void removeMember(long memberId) {
        MemberRun run = lifecycle.requireRunning();
        boolean self = memberId == localId(run);
        List<URI> otherVoters = voterUrls(run).stream()
                .filter(url -> !config.advertiseClientUrls().contains(url)).toList();
        run.expectRemoval(self);
        try {
            if (self && !otherVoters.isEmpty()) {
                operations(ClusterCalls.connect(otherVoters, run.calls().access())).remove(memberId);
            } else {
                onCluster(operations -> operations.remove(memberId));
            }
        } catch (RuntimeException e) {
            run.expectRemoval(false);
            throw e;
        }
        if (self) {
            run.confirmRemoval();
            run.awaitExitAfterRemoval(EXIT_AFTER_REMOVAL);
            lifecycle.endedByItself(run);
        }
    }

    void promote(String name) {
        onCluster(operations -> {
            operations.promote(operations.byName(name), config.joinTimeout());
            return null;
        });
    }

    /** The members at the last membership poll, by name; empty when not running. */
    List<Member> knownMembers() {
        return lifecycle.running().flatMap(run -> run.monitor().latest())
                .map(snapshot -> snapshot.members().values().stream()
                        .sorted(Comparator.comparing(Member::name)).toList())
                .orElse(List.of());
    }

    /** Whether this member was a learner at the last membership poll; false when not running. */
    boolean isLearner() {
        return lifecycle.running().map(run -> run.monitor().isLearner()).orElse(false);
    }

    /**
     * Whether the cluster lists this member as a voter, asked now (through the voters while this
     * member calls itself a learner); false when nobody answers.
     */
    boolean votesNow(MemberRun run) {
        try {
            return onCluster(operations -> operations.calls().members().members()).stream()
                    .filter(m -> m.peerUrls().stream().anyMatch(config.initialAdvertisePeerUrls()::contains))
                    .anyMatch(m -> !m.learner());
        } catch (ClusterCallException noAnswer) {
            return false;
        }
    }

    /** Whether this member runs and its etcd answers /health healthy within this time. */
    boolean isHealthy(Duration timeout) {
        Optional<MemberRun> run = lifecycle.running();
        if (run.isEmpty()) {
            return false;
        }
        try {
            return new HealthProbe(config.advertiseClientUrls().get(0), run.get().calls().access(), timeout).isHealthy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether this member led the cluster at the last membership poll; false when not running. */
    boolean isLeader() {
        return lifecycle.running().map(ClusterOperations::ledAtLastPoll).orElse(false);
    }

    /**
     * Whether this member led at its last poll, also while it is being stopped: stopping members
     * leader first must wait for a leader that another thread is stopping already.
     */
    boolean ledAtLastPoll() {
        return lifecycle.runningOrStopping().map(ClusterOperations::ledAtLastPoll).orElse(false);
    }

    private static boolean ledAtLastPoll(MemberRun run) {
        return run.monitor().latest().map(s -> s.leaderId() != 0 && s.leaderId() == s.localId()).orElse(false);
    }

    Client client() {
        MemberRun run = lifecycle.requireRunning();
        List<URI> voters = voterUrls(run);
        return run.client(voters.isEmpty() ? config.advertiseClientUrls() : voters);
    }

    /** This member's id, from the last membership poll or else from etcd. */
    private long localId(MemberRun run) {
        return run.monitor().latest().map(MembershipView::localId)
                .orElseGet(() -> run.calls().status(config.advertiseClientUrls().get(0)).memberId());
    }

    /** Runs the operation through this member; a learner falls back to the voters it knows of. */
    private <T> T onCluster(Function<MembershipOperations, T> operation) {
        MemberRun run = lifecycle.requireRunning();
        try {
            return operation.apply(operations(run.calls()));
        } catch (ClusterCallException e) {
            List<URI> voters = voterUrls(run);
            if (!run.monitor().isLearner() || voters.isEmpty()) {
                throw e;
            }
            return operation.apply(operations(ClusterCalls.connect(voters, run.calls().access())));
        }
    }

    private MembershipOperations operations(ClusterCalls calls) {
        return new MembershipOperations(calls, config.reconfigTimeout());
    }

    /** Client URLs of the voters as last seen, else those this member joined through. */
    private static List<URI> voterUrls(MemberRun run) {
        List<URI> urls = run.monitor().latest().map(s -> s.members().values().stream()
                .filter(m -> !m.learner()).flatMap(m -> m.clientUrls().stream()).toList()).orElse(List.of());
        return urls.isEmpty() ? run.plan().joinVia() : urls;
    }
}
