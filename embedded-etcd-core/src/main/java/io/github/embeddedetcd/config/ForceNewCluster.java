/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import java.util.Locale;

/** What {@code embedded.force-new-cluster} asks of the next start: recovery from a lost majority. */
public enum ForceNewCluster {
    /** A normal start (the default); it also forgets an earlier reset. */
    OFF,
    /** Reset the cluster to this member alone on its own data, unless a majority of the old members answers. */
    IF_MAJORITY_LOST,
    /** Reset even while old members answer, for the case where they must go. */
    INSIST;

    /** The spelling of config files: {@code off}, {@code if-majority-lost}, {@code insist}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
