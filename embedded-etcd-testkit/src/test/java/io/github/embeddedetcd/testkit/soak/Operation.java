/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

/**
 * One client operation as it happened: a write of {@code value} to {@code key}, or a read of
 * {@code key} that returned {@code value} (0 when the key did not exist). Values of a key only
 * grow: its one writer writes 1, 2, 3, ...
 *
 * @param invoked   when the client was asked (System.nanoTime)
 * @param completed when the answer came, or the deadline passed
 * @param revision  the store revision etcd answered with (a write's own revision); 0 without an answer
 */
record Operation(Kind kind, String key, long value, long invoked, long completed, Outcome outcome, long revision) {

    enum Kind { WRITE, READ }

    /** OK: acknowledged. UNKNOWN: failed or timed out, so a write may or may not have been applied. */
    enum Outcome { OK, UNKNOWN }

    boolean isAcknowledgedWrite() {
        return kind == Kind.WRITE && outcome == Outcome.OK;
    }

    boolean isSuccessfulRead() {
        return kind == Kind.READ && outcome == Outcome.OK;
    }

    @Override
    public String toString() {
        String what = kind == Kind.WRITE ? "write " + value : "read → " + value;
        return what + " [" + invoked + ", " + (outcome == Outcome.OK ? completed + "] at revision " + revision
                : completed + " gave up]");
    }
}
