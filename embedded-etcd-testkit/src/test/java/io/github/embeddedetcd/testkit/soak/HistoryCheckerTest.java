/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import io.github.embeddedetcd.testkit.soak.Operation.Kind;
import io.github.embeddedetcd.testkit.soak.Operation.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker finds each kind of violation, and none in a correct history. */
class HistoryCheckerTest {

    private static Operation write(long value, long invoked, long completed, Outcome outcome) {
        return new Operation(Kind.WRITE, "k", value, invoked, completed, outcome);
    }

    private static Operation read(long value, long invoked, long completed) {
        return new Operation(Kind.READ, "k", value, invoked, completed, Outcome.OK);
    }

    @Test
    void aCorrectHistoryIsClean() {
        List<Operation> history = List.of(write(1, 0, 10, Outcome.OK), read(1, 11, 12),
                write(2, 20, 30, Outcome.UNKNOWN), read(2, 31, 32), read(1, 25, 26));

        assertThat(HistoryChecker.check(history, Map.of("k", 2L)).isClean()).isTrue();
    }

    @Test
    void anUnacknowledgedWriteMayBeMissing() {
        List<Operation> history = List.of(write(1, 0, 10, Outcome.OK), write(2, 20, 30, Outcome.UNKNOWN));

        assertThat(HistoryChecker.check(history, Map.of("k", 1L)).isClean()).isTrue();
    }

    @Test
    void aLostAcknowledgedWriteIsFound() {
        List<Operation> history = List.of(write(1, 0, 10, Outcome.OK), write(2, 20, 30, Outcome.OK));

        assertThat(HistoryChecker.check(history, Map.of("k", 1L)).lost()).containsExactly("k: acknowledged 2, final 1");
    }

    @Test
    void aValueNeverWrittenIsFound() {
        List<Operation> history = List.of(write(1, 0, 10, Outcome.OK), read(7, 11, 12));

        assertThat(HistoryChecker.check(history, Map.of("k", 9L)).phantoms())
                .containsExactlyInAnyOrder("k = 9 at the end, never written", "k = 7 read, never written");
    }

    @Test
    void aReadOlderThanAWriteAcknowledgedBeforeItStartedIsFound() {
        List<Operation> history = List.of(write(1, 0, 10, Outcome.OK), write(2, 20, 30, Outcome.OK), read(1, 31, 32));

        assertThat(HistoryChecker.check(history, Map.of("k", 2L)).staleReads())
                .containsExactly("k: read 1 after 2 was acknowledged");
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeEitherValue() {
        List<Operation> history = List.of(write(1, 0, 10, Outcome.OK), write(2, 20, 30, Outcome.OK), read(1, 25, 35));

        assertThat(HistoryChecker.check(history, Map.of("k", 2L)).isClean()).isTrue();
    }
}
