/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.upkeep;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a member's upkeep saw at its last check ({@code embedded.upkeep-interval}) and has done
 * since it started.
 *
 * @param alarms            the cluster's armed alarms
 * @param dbSizeBytes       this member's database size, which etcd's quota counts
 * @param dbSizeInUseBytes  the part of it in use; the rest a defragmentation gives back
 * @param quotaBytes        this member's {@code quota-backend-bytes} (etcd's 2 GiB when not set)
 * @param defragmentations  members this one defragmented, itself included
 * @param nospaceCleared    how often this member, leading, cleared NOSPACE
 * @param checkedAt         when the last check answered; empty before the first
 * @param lastFailure       why the last check or job failed, until one succeeds
 */
public record Upkeep(List<Alarm> alarms, long dbSizeBytes, long dbSizeInUseBytes, long quotaBytes,
                     long defragmentations, long nospaceCleared, Optional<Instant> checkedAt,
                     Optional<String> lastFailure) {

    public Upkeep {
        alarms = List.copyOf(alarms);
    }

    /** What a member that does not run reports. */
    public static Upkeep notRunning(long quotaBytes) {
        return new Upkeep(List.of(), 0, 0, quotaBytes, 0, 0, Optional.empty(), Optional.empty());
    }

    /** The database's size as a share of the quota, 0 to 1 (and above while NOSPACE is armed). */
    public double quotaUsed() {
        return quotaBytes == 0 ? 0 : (double) dbSizeBytes / quotaBytes;
    }
}
