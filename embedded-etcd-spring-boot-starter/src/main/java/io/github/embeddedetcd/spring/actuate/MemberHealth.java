/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring.actuate;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.snapshot.ScheduledSnapshots;
import io.github.embeddedetcd.upkeep.Alarm;
import io.github.embeddedetcd.upkeep.Upkeep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The member's health as both Boot lines report it: up when etcd answers {@code /health} healthy
 * (it runs, has a leader, no alarm; asked within one second). The details come from the last
 * membership poll and hold no secrets: name, id, leader, learner, members; the cluster's armed alarms
 * (NOSPACE, CORRUPT: etcd reports itself unhealthy while one is armed) and, once the upkeep has
 * checked, the database's size, in-use size, quota and defragmentations; with scheduled
 * snapshots, their directory, the newest and its age, and this member's saves and failures (a
 * failing snapshot does not make the member down: etcd serves on).
 */
final class MemberHealth {

    final boolean up;
    final Map<String, Object> details;

    private MemberHealth(boolean up, Map<String, Object> details) {
        this.up = up;
        this.details = details;
    }

    static MemberHealth of(EmbeddedEtcd etcd) {
        List<Member> members = etcd.knownMembers();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", etcd.name());
        members.stream().filter(m -> m.name().equals(etcd.name())).findFirst()
                .ifPresent(self -> details.put("id", self.idHex()));
        details.put("running", etcd.isRunning());
        members.stream().filter(Member::leader).findFirst().ifPresent(leader -> details.put("leader", leader.name()));
        details.put("learner", etcd.isLearner());
        details.put("members", members.size());
        Upkeep upkeep = etcd.upkeep();
        details.put("alarms", upkeep.alarms().stream().map(Alarm::toString).toList());
        if (upkeep.checkedAt().isPresent()) {
            Map<String, Object> database = new LinkedHashMap<>();
            database.put("sizeBytes", upkeep.dbSizeBytes());
            database.put("inUseBytes", upkeep.dbSizeInUseBytes());
            database.put("quotaBytes", upkeep.quotaBytes());
            database.put("quotaUsedPercent", Math.round(upkeep.quotaUsed() * 100));
            database.put("defragmentations", upkeep.defragmentations());
            upkeep.lastFailure().ifPresent(why -> database.put("upkeepFailure", why));
            details.put("database", database);
        }
        ScheduledSnapshots snapshots = etcd.scheduledSnapshots();
        if (snapshots.enabled()) {
            Map<String, Object> snapshotDetails = new LinkedHashMap<>();
            snapshotDetails.put("directory", snapshots.directory().toString());
            snapshots.newest().ifPresent(newest -> snapshotDetails.put("newest", newest.file().getFileName().toString()));
            snapshots.newestAge().ifPresent(age -> snapshotDetails.put("newestAgeSeconds", age.toSeconds()));
            snapshots.newestProven().ifPresent(proven ->
                    snapshotDetails.put("newestProven", proven.file().getFileName().toString()));
            snapshots.newestProvenAge().ifPresent(age -> snapshotDetails.put("newestProvenAgeSeconds", age.toSeconds()));
            snapshotDetails.put("saved", snapshots.saved());
            snapshotDetails.put("failed", snapshots.failed());
            snapshotDetails.put("checkFailures", snapshots.checkFailures());
            snapshots.lastFailure().ifPresent(why -> snapshotDetails.put("lastFailure", why));
            details.put("snapshots", snapshotDetails);
        }
        return new MemberHealth(etcd.isHealthy(), details);
    }
}
