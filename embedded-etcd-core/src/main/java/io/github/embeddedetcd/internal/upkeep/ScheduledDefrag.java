/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.upkeep;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MemberStatus;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.MaintenanceCalls;
import io.github.embeddedetcd.internal.cluster.MembershipView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * The leader's scheduled defragmentation ({@code embedded.defrag}): every
 * {@code embedded.defrag-interval} it defragments each member whose database could give back
 * {@code embedded.defrag-threshold-bytes}, one at a time, followers first; itself last, after
 * handing leadership to the follower furthest ahead, so that writes never wait for its rewrite.
 * The first round is due one interval after this member began leading: a leader that just took
 * over from a defragmenting one does not start a second round beside it.
 */
final class ScheduledDefrag {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledDefrag.class);

    private final Duration interval;
    private final long threshold;
    private final Defragmenter defragmenter;
    private final MaintenanceCalls maintenance;
    /** When this member began leading, or the last round began, in System.nanoTime(); 0 while it follows. */
    private long since;

    ScheduledDefrag(EtcdConfig config, Quota quota, Defragmenter defragmenter, MaintenanceCalls maintenance) {
        this.interval = config.get(Settings.DEFRAG_INTERVAL);
        Long given = config.get(Settings.DEFRAG_THRESHOLD_BYTES);
        this.threshold = given != null ? given : quota.bytes() / 10;
        this.defragmenter = defragmenter;
        this.maintenance = maintenance;
    }

    void notLeading() {
        since = 0;
    }

    /** Call on the leader at each check. */
    void runIfDue(ClusterCalls calls, MembershipView view) {
        long now = System.nanoTime();
        if (since == 0) {
            since = now;
        }
        if (now - since < interval.toNanos()) {
            return;
        }
        since = now;
        MemberStatuses statuses = MemberStatuses.ask(calls, view);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Defragmentation round: {} could give back {} bytes; the threshold is {}",
                    statuses.answers().keySet(), statuses.answers().values().stream()
                            .map(s -> s.raft().reclaimableBytes()).toList(), threshold);
        }
        for (Member member : statuses.localLast()) {
            MemberStatus status = statuses.answers().get(member);
            if (status.raft().reclaimableBytes() < threshold) {
                continue;
            }
            if (member.id() != view.localId()) {
                defragmenter.defragment(member, false);
            } else if (isOnlyVoter(view)) {
                LOG.info("Defragmenting the only voter, this leader: writes wait until it is done");
                defragmenter.defragment(member, true);
            } else if (handOver(view, statuses)) {
                defragmenter.defragment(member, false);
            }
        }
    }

    private static boolean isOnlyVoter(MembershipView view) {
        return view.members().values().stream().noneMatch(m -> !m.learner() && m.id() != view.localId());
    }

    /** Hands leadership to the follower furthest ahead; true once it took over. */
    private boolean handOver(MembershipView view, MemberStatuses statuses) {
        Optional<Member> successor = statuses.answers().entrySet().stream()
                .filter(e -> !e.getKey().learner() && e.getKey().id() != view.localId())
                .filter(e -> e.getValue().leaderId() == view.localId())
                .max(Comparator.comparingLong(e -> e.getValue().raft().raftAppliedIndex()))
                .map(e -> e.getKey());
        if (successor.isEmpty()) {
            LOG.info("Not defragmenting this leader now: no follower answers to hand leadership to; the next round "
                    + "tries again");
            return false;
        }
        maintenance.moveLeader(successor.get().id());
        LOG.info("Handed leadership to {} to defragment this member", successor.get());
        return true;
    }
}
