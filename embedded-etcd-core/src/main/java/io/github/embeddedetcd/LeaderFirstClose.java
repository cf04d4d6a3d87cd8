/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.internal.util.Pause;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops the members of one cluster, each time the current leader first: it hands leadership to a
 * member that still runs instead of waiting for absent ones (etcd's graceful stop of a leader whose
 * peers are gone takes seconds).
 */
final class LeaderFirstClose {

    private static final Duration LEADER_POLL = Duration.ofMillis(20);

    private LeaderFirstClose() {
    }

    /** Stops them all; a failure to stop one does not keep the others running, and the first is thrown at the end. */
    static void closeAll(Collection<EmbeddedEtcd> members) {
        List<EmbeddedEtcd> remaining = new ArrayList<>(members);
        remaining.removeIf(m -> m.state() instanceof Lifecycle.Stopped);
        RuntimeException failure = null;
        while (!remaining.isEmpty()) {
            EmbeddedEtcd next = awaitLeader(remaining).orElse(remaining.get(0));
            try {
                next.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            remaining.remove(next);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The running leader among these members, waiting up to a few election timeouts for one to emerge. */
    private static Optional<EmbeddedEtcd> awaitLeader(List<EmbeddedEtcd> members) {
        long waitMillis = 3L * members.stream().map(m -> m.config().electionTimeoutMillis()).filter(Objects::nonNull)
                .findFirst().orElse(1000);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (true) {
            Optional<EmbeddedEtcd> leader = members.stream().filter(EmbeddedEtcd::ledAtLastPoll).findFirst();
            if (leader.isPresent() || members.size() == 1 || System.nanoTime() > deadline) {
                return leader;
            }
            Pause.sleep(LEADER_POLL, "waiting for a leader among the members being stopped");
        }
    }
}
