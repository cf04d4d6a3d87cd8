/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.embeddedetcd.testkit.soak.Histories.read;
import static io.github.embeddedetcd.testkit.soak.Histories.unknownWrite;
import static io.github.embeddedetcd.testkit.soak.Histories.write;
import static org.assertj.core.api.Assertions.assertThat;

/** The checker finds each kind of violation, and none in a correct history. */
class HistoryCheckerTest {

    @Test
    void aCorrectHistoryIsClean() {
        List<Operation> history = List.of(write(1, 0, 10), read(1, 11, 12), unknownWrite(2, 20, 30), read(2, 31, 32),
                read(1, 25, 26));

        assertThat(HistoryChecker.check(history, Map.of("k", 2L)).isClean()).isTrue();
    }

    @Test
    void anUnacknowledgedWriteMayBeMissing() {
        List<Operation> history = List.of(write(1, 0, 10), unknownWrite(2, 20, 30));

        assertThat(HistoryChecker.check(history, Map.of("k", 1L)).isClean()).isTrue();
    }

    @Test
    void aLostAcknowledgedWriteIsFound() {
        List<Operation> history = List.of(write(1, 0, 10), write(2, 20, 30));

        HistoryChecker.Verdict verdict = HistoryChecker.check(history, Map.of("k", 1L));

        assertThat(verdict.lost()).containsExactly("k: acknowledged 2, final 1");
        assertThat(verdict.notLinearizable()).containsOnlyKeys("k");
    }

    @Test
    void aWriteWithAnUnknownOutcomeMayOverwriteANewerOneLate() {
        List<Operation> history = List.of(unknownWrite(1, 0, 10), write(2, 20, 30));

        assertThat(HistoryChecker.check(history, Map.of("k", 1L)).isClean()).isTrue();
    }

    @Test
    void aValueNeverWrittenIsFound() {
        List<Operation> history = List.of(write(1, 0, 10), read(7, 11, 12));

        assertThat(HistoryChecker.check(history, Map.of("k", 9L)).phantoms())
                .containsExactlyInAnyOrder("k = 9 at the end, never written", "k = 7 read, never written");
    }

    @Test
    void aReadOlderThanAWriteAcknowledgedBeforeItStartedIsFound() {
        List<Operation> history = List.of(write(1, 0, 10), write(2, 20, 30), read(1, 31, 32));

        assertThat(HistoryChecker.check(history, Map.of("k", 2L)).notLinearizable()).containsOnlyKeys("k");
    }

    @Test
    void aReadConcurrentWithAWriteMaySeeEitherValue() {
        List<Operation> history = List.of(write(1, 0, 10), write(2, 20, 30), read(1, 25, 35));

        assertThat(HistoryChecker.check(history, Map.of("k", 2L)).isClean()).isTrue();
    }

    @Test
    void keysAreCheckedOnTheirOwn() {
        List<Operation> history = List.of(write(1, 0, 10), Histories.write("other", 1, 0, 10),
                Histories.read("other", 0, 11, 12));

        assertThat(HistoryChecker.check(history, Map.of("k", 1L, "other", 1L)).notLinearizable())
                .containsOnlyKeys("other");
    }
}
