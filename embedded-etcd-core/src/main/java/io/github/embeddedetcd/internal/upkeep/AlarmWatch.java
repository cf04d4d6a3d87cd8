/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.upkeep;

import io.github.embeddedetcd.internal.cluster.EventDispatcher;
import io.github.embeddedetcd.upkeep.Alarm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns the alarms each check reads into one log line and one event per alarm raised or cleared. */
final class AlarmWatch {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmWatch.class);

    private final String memberName;
    private final boolean clearsNospace;
    private final EventDispatcher events;
    private Set<Alarm> armed = Set.of();

    AlarmWatch(String memberName, boolean clearsNospace, EventDispatcher events) {
        this.memberName = memberName;
        this.clearsNospace = clearsNospace;
        this.events = events;
    }

    void update(List<Alarm> now) {
        Set<Alarm> current = Set.copyOf(now);
        for (Alarm alarm : current) {
            if (!armed.contains(alarm)) {
                LOG.error("etcd raised the {} (seen by member '{}'): {}", alarm, memberName, advice(alarm));
                events.fire("alarm raised", l -> l.alarmRaised(alarm));
            }
        }
        Set<Alarm> gone = new HashSet<>(armed);
        gone.removeAll(current);
        for (Alarm alarm : gone) {
            LOG.info("The {} is disarmed (seen by member '{}')", alarm, memberName);
            events.fire("alarm cleared", l -> l.alarmCleared(alarm));
        }
        armed = current;
    }

    private String advice(Alarm alarm) {
        if (alarm.type() == Alarm.Type.CORRUPT) {
            return "that member's data differs from the others' and the cluster refuses requests. Replace it: remove "
                    + "it (etcdctl member remove), move its data dir aside, let it join again as a learner, then "
                    + "disarm (etcdctl alarm disarm).";
        }
        return "its database reached the quota (quota-backend-bytes) and the cluster takes no more puts (deletes "
                + "pass). " + (clearsNospace ? "The leader clears it: it compacts the history, defragments every "
                + "member, and disarms once the databases are below the warning share of the quota."
                : "embedded.clear-nospace is off: compact, defragment every member, then disarm (etcdctl alarm "
                + "disarm), or raise quota-backend-bytes.");
    }
}
