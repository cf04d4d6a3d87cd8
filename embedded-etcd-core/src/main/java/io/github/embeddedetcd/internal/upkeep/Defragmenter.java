/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.upkeep;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MemberStatus;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.EventDispatcher;
import io.github.embeddedetcd.internal.cluster.MaintenanceCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Defragments one member at a time, each within a deadline sized to its database, and says what
 * it gave back. A member serves nothing while etcd rewrites its database.
 */
final class Defragmenter {

    private static final Logger LOG = LoggerFactory.getLogger(Defragmenter.class);
    /** A defragmentation rewrites the database: 10 MB/s is slower than any disk etcd should run on. */
    private static final long BYTES_PER_SECOND = 10_000_000;

    private final EtcdConfig config;
    private final ClusterCalls calls;
    private final MaintenanceCalls maintenance;
    private final EventDispatcher events;
    private final AtomicLong done = new AtomicLong();

    Defragmenter(EtcdConfig config, ClusterCalls calls, EventDispatcher events) {
        this.config = config;
        this.calls = calls;
        this.maintenance = new MaintenanceCalls(calls);
        this.events = events;
    }

    /**
     * Defragments the member and returns what it says of itself after. It is asked right before:
     * a member that leads by then is left alone unless {@code mayLead} (leadership can move between
     * the round's plan and its turn). The event carries the member as it was right before
     * (leader flag) with its status after.
     */
    Optional<MemberStatus> defragment(Member member, boolean mayLead) {
        URI url = member.clientUrls().get(0);
        MemberStatus before = calls.status(url);
        if (before.isLeader() && !mayLead) {
            LOG.info("Not defragmenting {} now: it leads the cluster since this round began; the next round takes it",
                    member);
            return Optional.empty();
        }
        long size = before.raft().dbSize();
        long started = System.nanoTime();
        maintenance.defragment(url, deadline(size));
        MemberStatus after = calls.status(url);
        done.incrementAndGet();
        LOG.info("Defragmented member {}: its database went from {} to {} bytes ({} in use) in {} ms", member.name(),
                size, after.raft().dbSize(), after.raft().dbSizeInUse(), (System.nanoTime() - started) / 1_000_000);
        Member seen = member.with(before.isLeader(), Optional.of(after.raft()));
        events.fire("member defragmented", l -> l.memberDefragmented(seen, size, after.raft().dbSize()));
        return Optional.of(after);
    }

    /** The request timeout plus a second per 10 MB of database. */
    Duration deadline(long dbSize) {
        return config.requestTimeout().plusSeconds(dbSize / BYTES_PER_SECOND);
    }

    /** Members defragmented so far, by this member's upkeep. */
    long count() {
        return done.get();
    }
}
