/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MembershipListener;
import io.github.embeddedetcd.config.EtcdConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the cluster from one local member: polls the member list (cheap, served locally),
 * asks for the leader only when the raft term changed, turns differences into
 * {@link MembershipListener} events, and runs the {@link Promoter} and {@link UnreachableVoters}
 * while this member leads.
 * Polls at once when the local etcd logs a membership or leader change ({@link #poke()}), every
 * {@code promotion-check-interval} while a learner exists or no leader is known, and every
 * {@link #QUIET_INTERVAL} otherwise.
 */
public final class MembershipMonitor implements AutoCloseable {

    /** How often a quiet cluster (no learner, a known leader) is polled, as a safety net for {@link #poke()}. */
    public static final Duration QUIET_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(MembershipMonitor.class);

    private final EtcdConfig config;
    private final URI localUrl;
    private final ClusterCalls calls;
    private final EventDispatcher events;
    private final Promoter promoter;
    private final UnreachableVoters unreachableVoters;
    private final ScheduledExecutorService thread;
    private final PollFailures failures;

    private volatile MembershipView latest;
    private volatile Member self;
    private long lastTerm = -1;
    private long leaderId;
    private volatile boolean learner;
    private volatile boolean closed;
    private final AtomicBoolean poked = new AtomicBoolean();
    private final CountDownLatch firstPoll = new CountDownLatch(1);
    private ScheduledFuture<?> next;

    /** @param calls calls to this member's own client URL */
    public MembershipMonitor(EtcdConfig config, ClusterCalls calls, EventDispatcher events) {
        this.config = config;
        this.localUrl = config.advertiseClientUrls().get(0);
        this.events = events;
        this.calls = calls;
        this.promoter = new Promoter(config.learnerStallTimeout());
        this.unreachableVoters = new UnreachableVoters(config, events);
        this.failures = new PollFailures(config.name());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-etcd-monitor-" + config.name());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts polling in the background. The first poll, at once, is the baseline: members already
     * there are not reported as added.
     */
    public void start() {
        schedule(Duration.ZERO);
    }

    /**
     * Waits (bounded) until the first poll has answered or failed, so that the member's role and
     * the cluster's voters are known when its start returns.
     */
    public void awaitFirstPoll(Duration timeout) {
        try {
            if (!firstPoll.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.debug("first membership poll of '{}' took longer than {} ms", config.name(), timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the last poll saw, if one answered. */
    public Optional<MembershipView> latest() {
        return Optional.ofNullable(latest);
    }

    /** This member as last seen in the member list (it outlives the member's removal from the list). */
    public Optional<Member> self() {
        return Optional.ofNullable(self);
    }

    /** Whether this member was a learner at the last poll. */
    public boolean isLearner() {
        return learner;
    }

    /**
     * Polls now: called when the local etcd logs a membership change or a leader change, so that
     * such changes are seen at once without polling often while nothing happens.
     */
    public void poke() {
        poked.set(true);
        schedule(Duration.ZERO);
    }

    private synchronized void schedule(Duration delay) {
        if (closed) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        try {
            next = thread.schedule(this::tickAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.debug("membership monitor of '{}' is closing", config.name());
        }
    }

    /** Polls once and schedules the next poll, whatever happened: the monitor never stops by itself. */
    private void tickAndReschedule() {
        if (closed) {
            return;
        }
        poked.set(false);
        Duration delay = config.promotionCheckInterval();
        try {
            delay = tick();
            failures.succeeded();
        } catch (ClusterCallException e) {
            failures.failed(e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.warn("Membership poll of '{}' failed", config.name(), e);
            failures.failed(e.toString());
        } finally {
            firstPoll.countDown();
            schedule(poked.get() ? Duration.ZERO : delay);
        }
    }

    /** Why polls fail at the moment, when they do. */
    public Optional<String> currentFailure() {
        return failures.current();
    }

    private Duration tick() {
        ClusterCalls.Membership membership;
        try {
            membership = calls.members();
        } catch (ClusterCallException e) {
            if (e.error() != EtcdError.LEARNER_RPC) {
                throw e;
            }
            learner = true;
            return config.promotionCheckInterval();
        }
        boolean wasLearner = learner;
        learner = false;
        if (membership.raftTerm() != lastTerm || leaderId == 0) {
            leaderId = calls.status(localUrl).leaderId();
            lastTerm = membership.raftTerm();
        }
        MembershipView current = snapshot(membership, leaderId);
        MembershipChanges.publish(latest, current, wasLearner, events);
        latest = current;
        current.local().ifPresent(local -> self = local);
        List<Member> learners = current.learners();
        boolean leads = leaderId == current.localId();
        if (config.autoPromote() && leads && !learners.isEmpty()) {
            promoter.promoteReady(calls, calls.status(localUrl).raft().raftIndex(), learners);
        }
        if (leads) {
            unreachableVoters.check(calls, current);
        } else {
            unreachableVoters.notLeading();
        }
        Duration next = learners.isEmpty() && leaderId != 0 ? max(QUIET_INTERVAL, config.promotionCheckInterval())
                : config.promotionCheckInterval();
        return unreachableVoters.watching() ? min(next, UnreachableVoters.WATCH_INTERVAL) : next;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static MembershipView snapshot(ClusterCalls.Membership membership, long leaderId) {
        Map<Long, Member> members = new LinkedHashMap<>();
        for (Member m : membership.members()) {
            members.put(m.id(), m.with(m.id() == leaderId, Optional.empty()));
        }
        return new MembershipView(Map.copyOf(members), membership.answeredBy(), membership.clusterId(), leaderId);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
