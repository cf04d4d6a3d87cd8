/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.snapshot.ScheduledSnapshots;
import io.github.embeddedetcd.upkeep.Upkeep;

import java.util.List;

/**
 * What {@code GET /cluster} shows beside the member list: the cluster's alarms, this member's
 * database against its quota, the cluster's newest scheduled snapshot, and the recent events.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterView(
        @JsonProperty("member") String member,
        @JsonProperty("alarms") List<AlarmView> alarms,
        @JsonProperty("database") Database database,
        @JsonProperty("lastSnapshot") SnapshotView lastSnapshot,
        @JsonProperty("events") List<EventTimeline.Event> events) {

    /** An armed alarm: the member's id as etcdctl prints it, and NOSPACE or CORRUPT. */
    public record AlarmView(@JsonProperty("memberId") String memberId, @JsonProperty("type") String type) {
    }

    /** This member's database at the upkeep's last check; empty before the first. */
    public record Database(@JsonProperty("sizeBytes") long sizeBytes, @JsonProperty("inUseBytes") long inUseBytes,
                           @JsonProperty("quotaBytes") long quotaBytes) {
    }

    /** The newest snapshot in this member's snapshot dir. */
    public record SnapshotView(@JsonProperty("file") String file, @JsonProperty("revision") long revision,
                               @JsonProperty("ageSeconds") long ageSeconds) {
    }

    static ClusterView of(EmbeddedEtcd etcd, EventTimeline timeline) {
        Upkeep upkeep = etcd.upkeep();
        ScheduledSnapshots snapshots = etcd.scheduledSnapshots();
        return new ClusterView(etcd.name(),
                upkeep.alarms().stream().map(a -> new AlarmView(String.format("%016x", a.memberId()), a.type().name()))
                        .toList(),
                upkeep.checkedAt().map(at -> new Database(upkeep.dbSizeBytes(), upkeep.dbSizeInUseBytes(),
                        upkeep.quotaBytes())).orElse(null),
                snapshots.newest().map(s -> new SnapshotView(s.file().getFileName().toString(), s.revision(),
                        snapshots.newestAge().map(age -> age.toSeconds()).orElse(0L))).orElse(null),
                timeline.events());
    }
}
