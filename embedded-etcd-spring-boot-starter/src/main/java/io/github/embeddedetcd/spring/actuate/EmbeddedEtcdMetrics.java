/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring.actuate;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MemberStatus;
import io.github.embeddedetcd.snapshot.ScheduledSnapshots;
import io.github.embeddedetcd.upkeep.Alarm;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The member's meters, tagged {@code member=<name>}: {@code etcd.member.leader} (1 while it
 * leads), {@code etcd.member.raft.term}, {@code etcd.member.db.size}, {@code etcd.member.db.size.in.use} and
 * {@code etcd.member.db.quota} (bytes), {@code etcd.member.start.time}, {@code etcd.cluster.members},
 * {@code etcd.cluster.learners}, {@code etcd.cluster.alarms} (tagged {@code alarm=NOSPACE|CORRUPT}), and
 * the counters {@code etcd.cluster.leader.changes}, {@code etcd.cluster.promotions},
 * {@code etcd.cluster.removals}, {@code etcd.cluster.unreachable.removals}, {@code etcd.upkeep.defragmentations},
 * {@code etcd.upkeep.nospace.cleared}; with scheduled snapshots, {@code etcd.snapshots.saved},
 * {@code etcd.snapshots.failures} and {@code etcd.snapshots.newest.age} (the recovery point). Membership values come from the last membership poll; raft term
 * and DB size from etcd's status, asked at most once a second within the request timeout. A value
 * that cannot be had (the member stopped, etcd did not answer) reads NaN; {@code etcd.member.leader}
 * reads 0 then.
 */
public final class EmbeddedEtcdMetrics implements MeterBinder {

    private static final Duration STATUS_MAX_AGE = Duration.ofSeconds(1);

    private final EmbeddedEtcd etcd;
    private final MembershipEventCounts counts;
    private volatile Optional<MemberStatus> status = Optional.empty();
    private volatile long statusAt;

    public EmbeddedEtcdMetrics(EmbeddedEtcd etcd, MembershipEventCounts counts) {
        this.etcd = etcd;
        this.counts = counts;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("member", etcd.name());
        gauge(registry, tags, "etcd.member.leader", "1 while this member leads its cluster", m -> m.etcd.isLeader() ? 1 : 0);
        gauge(registry, tags, "etcd.member.raft.term", "the member's raft term",
                m -> m.status().map(s -> (double) s.raft().raftTerm()).orElse(Double.NaN));
        bytes(registry, tags, "etcd.member.db.size", "the size of the member's database, which etcd's quota counts",
                m -> m.status().map(s -> (double) s.raft().dbSize()).orElse(Double.NaN));
        bytes(registry, tags, "etcd.member.db.size.in.use", "the part of the member's database in use; the rest a "
                + "defragmentation gives back", m -> m.status().map(s -> (double) s.raft().dbSizeInUse()).orElse(Double.NaN));
        bytes(registry, tags, "etcd.member.db.quota", "the member's quota-backend-bytes: NOSPACE beyond it",
                m -> m.etcd.upkeep().quotaBytes());
        for (Alarm.Type type : Alarm.Type.values()) {
            gauge(registry, tags.and("alarm", type.name()), "etcd.cluster.alarms", "alarms of this type armed in the "
                    + "cluster, at the upkeep's last check", m -> m.etcd.upkeep().alarms().stream()
                    .filter(a -> a.type() == type).count());
        }
        counter(registry, tags, "etcd.upkeep.defragmentations", "members this member, leading, defragmented",
                m -> m.etcd.upkeep().defragmentations());
        counter(registry, tags, "etcd.upkeep.nospace.cleared", "NOSPACE alarms this member, leading, cleared",
                m -> m.etcd.upkeep().nospaceCleared());
        TimeGauge.builder("etcd.member.start.time", this, TimeUnit.MILLISECONDS, EmbeddedEtcdMetrics::startMillis)
                .tags(tags).description("when the member's etcd process started, since the epoch").register(registry);
        gauge(registry, tags, "etcd.cluster.members", "members of the cluster, learners included",
                m -> m.etcd.isRunning() ? m.etcd.knownMembers().size() : Double.NaN);
        gauge(registry, tags, "etcd.cluster.learners", "learners in the cluster",
                m -> m.etcd.isRunning() ? m.etcd.knownMembers().stream().filter(Member::learner).count() : Double.NaN);
        counter(registry, tags, "etcd.cluster.leader.changes", "leader changes seen", m -> m.counts.leaderChanges());
        counter(registry, tags, "etcd.cluster.promotions", "learners promoted to voters", m -> m.counts.promotions());
        counter(registry, tags, "etcd.cluster.removals", "members removed", m -> m.counts.removals());
        counter(registry, tags, "etcd.cluster.unreachable.removals", "voters this member, leading, removed for being "
                + "unreachable longer than embedded.remove-unreachable-after", m -> m.counts.unreachableRemovals());
        counter(registry, tags, "etcd.snapshots.saved", "scheduled snapshots this member saved",
                m -> m.etcd.scheduledSnapshots().saved());
        counter(registry, tags, "etcd.snapshots.failures", "scheduled snapshots this member failed to save",
                m -> m.etcd.scheduledSnapshots().failed());
        counter(registry, tags, "etcd.snapshots.check.failures", "snapshots this member could not restore and start "
                + "in a check", m -> m.etcd.scheduledSnapshots().checkFailures());
        age(registry, tags, "etcd.snapshots.newest.age", "age of the cluster's newest snapshot in the snapshot dir, "
                + "its hash checked", ScheduledSnapshots::newestAge);
        age(registry, tags, "etcd.snapshots.proven.age", "the recovery point: age of the cluster's newest snapshot "
                + "in the snapshot dir that a check restored and started", ScheduledSnapshots::newestProvenAge);
    }

    private void age(MeterRegistry registry, Tags tags, String name, String description,
                     Function<ScheduledSnapshots, Optional<Duration>> age) {
        TimeGauge.builder(name, this, TimeUnit.SECONDS, m -> age.apply(m.etcd.scheduledSnapshots())
                        .map(a -> a.toMillis() / 1000.0).orElse(Double.NaN))
                .tags(tags).description(description).register(registry);
    }

    private void bytes(MeterRegistry registry, Tags tags, String name, String description,
                       ToDoubleFunction<EmbeddedEtcdMetrics> value) {
        Gauge.builder(name, this, value).tags(tags).baseUnit("bytes").description(description).register(registry);
    }

    private void gauge(MeterRegistry registry, Tags tags, String name, String description,
                       ToDoubleFunction<EmbeddedEtcdMetrics> value) {
        Gauge.builder(name, this, value).tags(tags).description(description).register(registry);
    }

    private void counter(MeterRegistry registry, Tags tags, String name, String description,
                         ToDoubleFunction<EmbeddedEtcdMetrics> value) {
        FunctionCounter.builder(name, this, value).tags(tags).description(description).register(registry);
    }

    private double startMillis() {
        if (!etcd.isRunning()) {
            return Double.NaN;
        }
        return ProcessHandle.of(etcd.pid()).flatMap(p -> p.info().startInstant())
                .map(instant -> (double) instant.toEpochMilli()).orElse(Double.NaN);
    }

    /** etcd's status of this member, asked again when the last answer is older than a second. */
    private Optional<MemberStatus> status() {
        if (!etcd.isRunning()) {
            return Optional.empty();
        }
        if (System.nanoTime() - statusAt > STATUS_MAX_AGE.toNanos()) {
            statusAt = System.nanoTime();
            try {
                status = Optional.of(EtcdAdmin.builder().endpoints(etcd.clientEndpoints()).settingsOf(etcd.config())
                        .build().status(etcd.clientEndpoints().get(0)));
            } catch (RuntimeException noAnswer) {
                status = Optional.empty();
            }
        }
        return status;
    }
}
