/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.config.ClusterState;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What one start does, decided from what the member's data dir holds and what the caller asked.
 * Pure, so that every case is tested without etcd:
 * <ol>
 *   <li>a removed member (tombstone) joins again through the given endpoints, or the start is
 *       refused when there are none; etcd data it left is moved aside either way;</li>
 *   <li>a data dir where etcd already bootstrapped is restarted as the same member;</li>
 *   <li>a recorded join that never started is resumed, through the given endpoints if any, else
 *       the ones it recorded;</li>
 *   <li>with join endpoints, the member joins as a learner;</li>
 *   <li>otherwise a new cluster is bootstrapped from {@code initial-cluster} — unless the member,
 *       asking its peers first, finds its cluster running ({@link #joinFound}).</li>
 * </ol>
 *
 * @param joinVia the client URLs to join through (empty unless the action joins)
 */
record StartPlan(Action action, List<URI> joinVia, boolean moveRemovedDataAside) {
    // moveRemovedDataAside: a removed member left etcd data, which must never be started on again

    /** What etcd is started as. */
    enum Action {
        RESTART("restarted"),
        RESUME_JOIN("resumed its join as learner"),
        JOIN("joined as learner"),
        /** Set to bootstrap, the member found its cluster running, so it joined it rather than make a second one. */
        JOIN_FOUND("joined the running cluster it found, as learner"),
        BOOTSTRAP("new cluster"),
        /** A removed member without join endpoints: nothing may start. */
        REFUSE_REMOVED("refused: removed from its cluster");

        private final String description;

        Action(String description) {
            this.description = description;
        }
    }

    StartPlan {
        Objects.requireNonNull(action, "action");
        joinVia = List.copyOf(joinVia);
    }

    /**
     * @param bootstrapped  whether etcd has written its WAL in the data dir
     * @param recordedJoin  the endpoints of a join recorded in the data dir that never started, or empty
     * @param tombstoned    whether the data dir belongs to a member removed from its cluster
     * @param joinVia       join endpoints given by the caller ({@code join()} or {@code embedded.join-endpoints})
     */
    static StartPlan decide(boolean bootstrapped, List<URI> recordedJoin, boolean tombstoned, List<URI> joinVia) {
        if (tombstoned) {
            return joinVia.isEmpty() ? new StartPlan(Action.REFUSE_REMOVED, List.of(), bootstrapped)
                    : new StartPlan(Action.JOIN, joinVia, bootstrapped);
        }
        if (bootstrapped) {
            return new StartPlan(Action.RESTART, List.of(), false);
        }
        if (!recordedJoin.isEmpty()) {
            return new StartPlan(Action.RESUME_JOIN, joinVia.isEmpty() ? recordedJoin : joinVia, false);
        }
        return joinVia.isEmpty() ? new StartPlan(Action.BOOTSTRAP, List.of(), false)
                : new StartPlan(Action.JOIN, joinVia, false);
    }

    /** Instead of a bootstrap: join the running cluster found at these client URLs. */
    static StartPlan joinFound(List<URI> clientUrls) {
        return new StartPlan(Action.JOIN_FOUND, clientUrls, false);
    }

    /** Whether the member is added to a running cluster before etcd starts. */
    boolean joins() {
        return action == Action.JOIN || action == Action.JOIN_FOUND || action == Action.RESUME_JOIN;
    }

    /** The {@code initial-cluster-state} to pass: only a bootstrap uses the configured one. */
    ClusterState clusterState(ClusterState configured) {
        return action == Action.BOOTSTRAP ? configured : ClusterState.EXISTING;
    }

    /** How the start is described in the log, e.g. "joined as learner". */
    String description() {
        return action.description;
    }
}
