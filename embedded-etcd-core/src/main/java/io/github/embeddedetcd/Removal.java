/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.internal.datadir.DataDir;
import io.github.embeddedetcd.internal.datadir.Tombstone;
import io.github.embeddedetcd.internal.process.EtcdProcess;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether this member was removed from its cluster, as one launch of etcd learns it — etcd says so
 * in its log (at start, or while running), or this member's own removal call succeeds — and the
 * tombstone its data dir then gets, once.
 */
final class Removal {

    /** What etcd logs when it finds, at start or while running, that this member was removed. */
    private static final String ETCD_SAYS_REMOVED = "the member has been permanently removed from the cluster";

    private final EtcdProcess process;
    private volatile boolean logged;
    /** A removal of this member was asked for: etcd exiting meanwhile is no surprise. */
    private volatile boolean expected;
    /** The removal call returned: the data must never be reused. */
    private volatile boolean confirmed;
    private final AtomicBoolean tombstoned = new AtomicBoolean();

    private Removal(EtcdProcess process) {
        this.process = process;
    }

    /** Watches etcd's output from now on (call right after the launch). */
    static Removal watching(EtcdProcess process) {
        Removal removal = new Removal(process);
        process.output().watch(text -> {
            if (text.contains(ETCD_SAYS_REMOVED)) {
                removal.logged = true;
            }
        });
        return removal;
    }

    /** Whether this member is known to be removed: etcd said so (in any line it still holds), or the call returned. */
    boolean happened() {
        return confirmed || logged || process.output().recentLines().stream().anyMatch(l -> l.contains(ETCD_SAYS_REMOVED));
    }

    /** Whether etcd exiting on its own is explained by a removal, done or asked for. */
    boolean explainsExit() {
        return expected || happened();
    }

    /** A removal of this member was asked for (true), or the call failed (false). */
    void expect(boolean asked) {
        expected = asked;
    }

    /** The removal call returned. */
    void confirm() {
        confirmed = true;
    }

    /**
     * Marks the data dir removed, once: etcd must never start on it again.
     *
     * @param memberId the member's id, or 0 when unknown
     * @return whether this call marked it
     */
    boolean tombstone(DataDir dataDir, long memberId, String name) {
        if (!tombstoned.compareAndSet(false, true)) {
            return false;
        }
        new Tombstone(memberId, name, Instant.now().toString()).save(dataDir);
        return true;
    }
}
