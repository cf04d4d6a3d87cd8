/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * How a member's membership polls are failing: one failed poll is routine (an election, a
 * restart); polls failing for long are worth a warning, once, until they answer again.
 */
final class PollFailures {

    private static final Logger LOG = LoggerFactory.getLogger(PollFailures.class);
    private static final Duration WARN_AFTER = Duration.ofSeconds(10);

    private final String member;
    private volatile String lastFailure;
    private long failingSince;
    private boolean warned;

    PollFailures(String member) {
        this.member = member;
    }

    void succeeded() {
        if (failingSince != 0) {
            LOG.info("Membership polls of '{}' answer again", member);
        }
        failingSince = 0;
        lastFailure = null;
        warned = false;
    }

    void failed(String why) {
        LOG.debug("Membership poll of '{}' failed: {}", member, why);
        long now = System.nanoTime();
        if (failingSince == 0) {
            failingSince = now;
        } else if (lastFailure != null && now - failingSince >= WARN_AFTER.toNanos() && !warned) {
            LOG.warn("Membership polls of '{}' have failed for {} s; the last: {}", member,
                    WARN_AFTER.toSeconds(), why);
            warned = true;
        }
        lastFailure = why;
    }

    /** Why polls fail at the moment, when they do. */
    Optional<String> current() {
        return Optional.ofNullable(lastFailure);
    }
}
