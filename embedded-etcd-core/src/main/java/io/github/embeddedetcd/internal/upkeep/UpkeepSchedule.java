/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.upkeep;

import io.github.embeddedetcd.MemberStatus;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.internal.cluster.ClusterCallException;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.EventDispatcher;
import io.github.embeddedetcd.internal.cluster.MaintenanceCalls;
import io.github.embeddedetcd.internal.cluster.MembershipView;
import io.github.embeddedetcd.upkeep.Alarm;
import io.github.embeddedetcd.upkeep.Upkeep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A member's upkeep, every {@code embedded.upkeep-interval} on its own thread: it reads the
 * cluster's alarms ({@link AlarmWatch}) and its own database's size ({@link QuotaWarning}); while it
 * leads, it clears NOSPACE ({@link NoSpaceRecovery}) or else runs the scheduled defragmentation
 * ({@link ScheduledDefrag}). A failure is logged once and said in {@link #status()}; it never stops
 * etcd or the application, and the next check tries again.
 */
public final class UpkeepSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpkeepSchedule.class);

    private final EtcdConfig config;
    private final URI localUrl;
    private final ClusterCalls calls;
    private final MaintenanceCalls maintenance;
    private final Supplier<Optional<MembershipView>> view;
    private final Quota quota;
    private final AlarmWatch alarms;
    private final QuotaWarning quotaWarning;
    private final Defragmenter defragmenter;
    private final ScheduledDefrag scheduledDefrag;
    private final NoSpaceRecovery noSpace;
    private final ScheduledExecutorService thread;
    private volatile Upkeep latest;
    private volatile String lastFailure;
    private volatile boolean closing;

    private UpkeepSchedule(EtcdConfig config, ClusterCalls calls, EventDispatcher events,
                           Supplier<Optional<MembershipView>> view) {
        this.config = config;
        this.localUrl = config.advertiseClientUrls().get(0);
        this.calls = calls;
        this.maintenance = new MaintenanceCalls(calls);
        this.view = view;
        this.quota = Quota.of(config);
        this.alarms = new AlarmWatch(config.name(), config.get(Settings.CLEAR_NOSPACE), events);
        this.quotaWarning = new QuotaWarning(config.name(), quota);
        this.defragmenter = new Defragmenter(config, calls, events);
        this.scheduledDefrag = new ScheduledDefrag(config, quota, defragmenter, maintenance);
        this.noSpace = new NoSpaceRecovery(quota, defragmenter, maintenance);
        this.latest = Upkeep.notRunning(quota.bytes());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-etcd-upkeep-" + config.name());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the checks; the first is due one interval after the start.
     *
     * @param calls calls to this member's own client URL
     */
    public static UpkeepSchedule start(EtcdConfig config, ClusterCalls calls, EventDispatcher events,
                                       Supplier<Optional<MembershipView>> view) {
        UpkeepSchedule schedule = new UpkeepSchedule(config, calls, events, view);
        long millis = config.get(Settings.UPKEEP_INTERVAL).toMillis();
        schedule.thread.scheduleWithFixedDelay(schedule::tick, millis, millis, TimeUnit.MILLISECONDS);
        return schedule;
    }

    /** What a member that does not run reports. */
    public static Upkeep notRunning(EtcdConfig config) {
        return Upkeep.notRunning(Quota.of(config).bytes());
    }

    private void tick() {
        Optional<MembershipView> seen = view.get();
        if (seen.isEmpty()) {
            return;
        }
        try {
            MemberStatus local = calls.status(localUrl);
            // a learner may not ask for alarms; it holds no vote on them either
            List<Alarm> armed = local.learner() ? latest.alarms() : maintenance.alarms();
            alarms.update(armed);
            quotaWarning.check(local.raft());
            latest = new Upkeep(armed, local.raft().dbSize(), local.raft().dbSizeInUse(), quota.bytes(),
                    defragmenter.count(), noSpace.cleared(), Optional.of(Instant.now()), Optional.empty());
            if (local.isLeader()) {
                lead(seen.get(), armed, local);
            } else {
                scheduledDefrag.notLeading();
            }
            succeeded();
        } catch (ClusterCallException e) {
            failed(e.getMessage(), null);
        } catch (RuntimeException e) {
            failed(e.toString(), e);
        }
    }

    private void lead(MembershipView seen, List<Alarm> armed, MemberStatus local) {
        List<Alarm> nospace = armed.stream().filter(a -> a.type() == Alarm.Type.NOSPACE).toList();
        if (!nospace.isEmpty() && config.get(Settings.CLEAR_NOSPACE)) {
            noSpace.clear(calls, seen, nospace, local);
        } else if (nospace.isEmpty() && config.get(Settings.DEFRAG)) {
            scheduledDefrag.runIfDue(calls, seen);
        }
    }

    private void succeeded() {
        if (lastFailure != null) {
            LOG.info("Upkeep checks of member '{}' succeed again", config.name());
        }
        lastFailure = null;
    }

    /** Says a failure once, not at every check while it lasts; not at all once the member stops. */
    private void failed(String why, RuntimeException unexpected) {
        if (!closing && !Objects.equals(why, lastFailure)) {
            LOG.warn("Upkeep check of member '{}' failed: {}. etcd and the application run on; the next check is in "
                    + "{} ms.", config.name(), why, config.get(Settings.UPKEEP_INTERVAL).toMillis(), unexpected);
        }
        lastFailure = why;
    }

    /** What the last check saw, with the counts since the start and the current failure, if any. */
    public Upkeep status() {
        Upkeep seen = latest;
        return new Upkeep(seen.alarms(), seen.dbSizeBytes(), seen.dbSizeInUseBytes(), seen.quotaBytes(),
                defragmenter.count(), noSpace.cleared(), seen.checkedAt(), Optional.ofNullable(lastFailure));
    }

    /** The member is stopping: a check that fails from now on is not a failure worth saying. */
    public void stopping() {
        closing = true;
    }

    /** Stops the checks; a defragmentation in progress ends within its deadline. */
    @Override
    public void close() {
        closing = true;
        thread.shutdownNow();
        try {
            thread.awaitTermination(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
