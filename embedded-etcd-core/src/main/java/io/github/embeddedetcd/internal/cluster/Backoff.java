/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, so that members retrying together spread out. */
final class Backoff {

    private final long maxMillis;
    private long ceilingMillis;

    Backoff(Duration first, Duration max) {
        this.ceilingMillis = first.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The next pause: random up to a ceiling that doubles each time, capped. */
    Duration next() {
        long pause = ThreadLocalRandom.current().nextLong(ceilingMillis / 2, ceilingMillis + 1);
        ceilingMillis = Math.min(maxMillis, ceilingMillis * 2);
        return Duration.ofMillis(pause);
    }
}
