/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How this member's scheduled snapshots ({@code embedded.snapshot-interval}) go: counted since its
 * start, and the newest snapshot of its cluster in its snapshot dir, whichever member took it.
 *
 * @param enabled     whether snapshots are scheduled
 * @param directory   where they are saved ({@code embedded.snapshot-dir})
 * @param newest      the newest snapshot of this cluster there, its hash checked when it was saved
 * @param saved       how many this member saved
 * @param failed      how many of this member's attempts failed
 * @param lastFailure why the last attempt or check failed, when one did (cleared by the next success)
 * @param newestProven the newest snapshot of this cluster there that a check restored and started
 *                     ({@code embedded.snapshot-check-interval}): the recovery point
 * @param checkFailures how many of this member's checks failed
 */
public record ScheduledSnapshots(boolean enabled, Path directory, Optional<Snapshot> newest, long saved, long failed,
                                 Optional<String> lastFailure, Optional<Snapshot> newestProven, long checkFailures) {

    /** How old the newest snapshot is now; empty when there is none. */
    public Optional<Duration> newestAge() {
        return newest.map(s -> Duration.between(s.takenAt(), Instant.now()));
    }

    /** The recovery point: how old the newest proven snapshot is now; empty when there is none. */
    public Optional<Duration> newestProvenAge() {
        return newestProven.map(s -> Duration.between(s.takenAt(), Instant.now()));
    }
}
