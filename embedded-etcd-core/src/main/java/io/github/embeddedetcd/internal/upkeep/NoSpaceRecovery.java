/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.upkeep;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MemberStatus;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.MaintenanceCalls;
import io.github.embeddedetcd.internal.cluster.MembershipView;
import io.github.embeddedetcd.upkeep.Alarm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leader's answer to NOSPACE ({@code embedded.clear-nospace}): compact the whole history,
 * defragment every member (itself too: writes are refused anyway), and disarm only once every
 * database that answers is below the warning share of the quota. Disarming without making room
 * only lets the cluster run into NOSPACE again at the next writes.
 */
final class NoSpaceRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(NoSpaceRecovery.class);

    private final Quota quota;
    private final Defragmenter defragmenter;
    private final MaintenanceCalls maintenance;
    private long cleared;
    /** The revision at which the live data was found to fill the quota; -1 when not held back. */
    private long heldBackAt = -1;

    NoSpaceRecovery(Quota quota, Defragmenter defragmenter, MaintenanceCalls maintenance) {
        this.quota = quota;
        this.defragmenter = defragmenter;
        this.maintenance = maintenance;
    }

    /**
     * Call on the leader while NOSPACE alarms are armed. When the live data itself fills the quota,
     * it tries again only once the revision moved (keys were deleted), not at every check.
     */
    void clear(ClusterCalls calls, MembershipView view, List<Alarm> nospace, MemberStatus local) {
        long revision = local.raft().revision();
        if (revision == heldBackAt) {
            return;
        }
        maintenance.compact(revision, defragmenter.deadline(local.raft().dbSize()));
        MemberStatuses before = MemberStatuses.ask(calls, view);
        Map<Long, MemberStatus> after = new LinkedHashMap<>();
        for (Member member : before.localLast()) {
            // the leader too: writes are refused anyway
            defragmenter.defragment(member, true).ifPresent(status -> after.put(member.id(), status));
        }
        List<String> full = after.entrySet().stream().filter(e -> quota.warns(e.getValue().raft().dbSize()))
                .map(e -> String.format("%016x", e.getKey()) + " (" + e.getValue().raft().dbSize() + " bytes)")
                .toList();
        if (!full.isEmpty()) {
            heldBackAt = revision;
            LOG.error("NOSPACE stays armed: after compacting up to revision {} and defragmenting, these members' "
                    + "databases are still at {}% or more of the quota ({} bytes): {}. The live data fills the quota: "
                    + "delete keys (deletes pass under NOSPACE; the leader then tries again) or raise "
                    + "quota-backend-bytes on every member", revision, quota.warningPercent(), quota.bytes(),
                    String.join(", ", full));
            return;
        }
        List<Alarm> disarmed = nospace.stream().filter(a -> after.containsKey(a.memberId())).toList();
        disarmed.forEach(maintenance::disarm);
        cleared++;
        heldBackAt = -1;
        LOG.warn("Cleared NOSPACE: compacted the history up to revision {}, defragmented {} members, disarmed {}",
                revision, after.size(), disarmed);
    }

    long cleared() {
        return cleared;
    }
}
