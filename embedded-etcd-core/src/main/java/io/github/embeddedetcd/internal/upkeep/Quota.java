/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.upkeep;

import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;

/** A member's database quota and the shares of it the upkeep acts on. */
record Quota(long bytes, int warningPercent) {

    /** etcd's quota when {@code quota-backend-bytes} is not set, or 0 (3.4 and 3.5 alike). */
    static final long ETCD_DEFAULT_BYTES = 2L * 1024 * 1024 * 1024;

    static Quota of(EtcdConfig config) {
        Long given = config.get(Settings.QUOTA_BACKEND_BYTES);
        return new Quota(given == null || given <= 0 ? ETCD_DEFAULT_BYTES : given,
                config.get(Settings.QUOTA_WARNING_PERCENT));
    }

    /** Whether a database of this size has reached the warning share. */
    boolean warns(long dbSize) {
        return dbSize * 100 >= bytes * warningPercent;
    }

    /** The size below which a warning is said again when it is reached again, so that it is not said at each check. */
    boolean wellBelowWarning(long dbSize) {
        return dbSize * 100 < bytes * Math.max(0, warningPercent - 5);
    }

    int percentOf(long dbSize) {
        return (int) (dbSize * 100 / bytes);
    }
}
