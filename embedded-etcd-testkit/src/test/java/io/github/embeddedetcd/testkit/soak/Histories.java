/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import io.github.embeddedetcd.testkit.soak.Operation.Kind;
import io.github.embeddedetcd.testkit.soak.Operation.Outcome;

/** Operations on key "k" (or a named key) for hand-written histories; times are arbitrary ticks. */
final class Histories {

    private Histories() {
    }

    static Operation write(long value, long invoked, long completed) {
        return write("k", value, invoked, completed);
    }

    static Operation write(String key, long value, long invoked, long completed) {
        return new Operation(Kind.WRITE, key, value, invoked, completed, Outcome.OK, 0);
    }

    /** A write the client gave up on at {@code gaveUp}: it may have taken effect, at any time after {@code invoked}. */
    static Operation unknownWrite(long value, long invoked, long gaveUp) {
        return new Operation(Kind.WRITE, "k", value, invoked, gaveUp, Outcome.UNKNOWN, 0);
    }

    static Operation read(long value, long invoked, long completed) {
        return read("k", value, invoked, completed);
    }

    static Operation read(String key, long value, long invoked, long completed) {
        return new Operation(Kind.READ, key, value, invoked, completed, Outcome.OK, 0);
    }

    static Operation failedRead(long invoked, long gaveUp) {
        return new Operation(Kind.READ, "k", 0, invoked, gaveUp, Outcome.UNKNOWN, 0);
    }
}
