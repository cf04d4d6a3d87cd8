/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.github.embeddedetcd.testkit.soak.Histories.failedRead;
import static io.github.embeddedetcd.testkit.soak.Histories.read;
import static io.github.embeddedetcd.testkit.soak.Histories.unknownWrite;
import static io.github.embeddedetcd.testkit.soak.Histories.write;
import static org.assertj.core.api.Assertions.assertThat;

/** Known-good and known-bad register histories. */
class RegisterLinearizabilityTest {

    private static RegisterLinearizability.Result check(Operation... history) {
        return RegisterLinearizability.check(List.of(history), 0, RegisterLinearizability.DEFAULT_STEP_BUDGET);
    }

    @Test
    void anEmptyHistoryAndASequentialOneAreLinearizable() {
        assertThat(check().linearizable()).isTrue();
        assertThat(check(read(0, 0, 1), write(1, 2, 3), read(1, 4, 5), write(2, 6, 7), read(2, 8, 9)).linearizable())
                .isTrue();
    }

    @Test
    void aReadThatBeganAfterAnotherSawTheNewValueCannotSeeTheOld() {
        // both reads overlap the write of 2, but the second began after the first had seen 2
        assertThat(check(write(1, 0, 1), write(2, 10, 50), read(2, 20, 30), read(1, 35, 60)).linearizable()).isFalse();
        // overlapping reads may see either value in either order
        assertThat(check(write(1, 0, 1), write(2, 10, 50), read(2, 20, 40), read(1, 25, 60)).linearizable()).isTrue();
    }

    @Test
    void aReadOfAValueOlderThanAnAcknowledgedWriteIsNot() {
        RegisterLinearizability.Result result = check(write(1, 0, 10), write(2, 20, 30), read(1, 31, 32));

        assertThat(result.linearizable()).isFalse();
        assertThat(result.explanation()).contains("read → 1 [31, 32]").contains("the register held 2");
    }

    @Test
    void aReadOfAValueFromTheFutureIsNot() {
        assertThat(check(read(1, 0, 5), write(1, 10, 20)).linearizable()).isFalse();
    }

    @Test
    void failedReadsSayNothing() {
        assertThat(check(write(1, 0, 10), failedRead(11, 12), read(1, 13, 14)).linearizable()).isTrue();
    }

    /**
     * The soak's "stale read" (issue 23): a write timed out on the client and etcd applied it after the
     * next one. These are the operations of soak/w2/k1 in a reproduction (seed 3479441234634, leader
     * isolated for 3 s): etcd's record of the key reads 174@2075, 176@2095, 175@2096, 177@2111 — 175
     * applied once, after 176 (docs/reliability.md). Linearizable: an operation with an unknown outcome may
     * take effect at any later time.
     */
    @Test
    void aWriteThatTimedOutMayTakeEffectAfterTheNextWrite() {
        Operation[] history = {write(174, 3507179321697L, 3507182739454L), unknownWrite(175, 3507397029162L, 3509417713790L),
                write(176, 3509421701345L, 3509422671860L), read(175, 3510370019180L, 3510371565211L),
                write(177, 3510374276587L, 3510375691958L), read(177, 3510381259039L, 3510387609882L),
                read(177, 3510387698514L, 3510390751768L), write(178, 3510390911846L, 3510394744821L)};

        assertThat(RegisterLinearizability.check(List.of(history), 173, RegisterLinearizability.DEFAULT_STEP_BUDGET)
                .linearizable()).isTrue();
    }

    /** The same history with the write of 175 acknowledged: then reading 175 after 176 is a violation. */
    @Test
    void anAcknowledgedWriteTakingEffectAgainLaterIsNot() {
        assertThat(RegisterLinearizability.check(List.of(write(174, 0, 10), write(175, 20, 30), write(176, 40, 50),
                read(175, 60, 70)), 173, RegisterLinearizability.DEFAULT_STEP_BUDGET).linearizable()).isFalse();
    }

    @Test
    void aWriteWithAnUnknownOutcomeTakesEffectOnceOrNever() {
        // 9 may come after 10, but not before 10 and again after it
        assertThat(check(unknownWrite(9, 0, 100), read(9, 110, 120), write(10, 130, 140), read(10, 150, 160),
                read(9, 170, 180)).linearizable()).isFalse();
        // a write whose value nobody read is as if it never happened
        assertThat(check(unknownWrite(9, 0, 100), write(10, 130, 140), read(10, 150, 160)).linearizable()).isTrue();
    }

    @Test
    void aLongHistoryWithOverlappingReadersIsDecidedBothWays() {
        List<Operation> good = generated(new Random(23), 20_000);
        assertThat(RegisterLinearizability.check(good, 0, RegisterLinearizability.DEFAULT_STEP_BUDGET).linearizable())
                .isTrue();

        List<Operation> bad = new ArrayList<>(good);
        Operation late = bad.stream().filter(op -> op.isSuccessfulRead() && op.value() > 100).findFirst().orElseThrow();
        bad.set(bad.indexOf(late), read(late.value() - 100, late.invoked(), late.completed()));
        assertThat(RegisterLinearizability.check(bad, 0, RegisterLinearizability.DEFAULT_STEP_BUDGET).linearizable())
                .isFalse();
    }

    @Test
    void aSearchOverItsBudgetIsUndecidedNeverPassed() {
        RegisterLinearizability.Result result = RegisterLinearizability.check(generated(new Random(7), 1_000), 0, 10);

        assertThat(result.linearizable()).isFalse();
        assertThat(result.explanation()).startsWith("undecided: the search took more than 10 steps");
    }

    /**
     * One writer writing 1, 2, 3, ... back to back, some writes with an unknown outcome (applied at once),
     * and two readers whose reads overlap the writes and see what a register would show at a random point
     * of their interval.
     */
    private static List<Operation> generated(Random random, int writes) {
        List<Operation> history = new ArrayList<>();
        long[] appliedAt = new long[writes + 1];
        long time = 0;
        for (int value = 1; value <= writes; value++) {
            long invoked = time;
            appliedAt[value] = invoked + 1 + random.nextInt(5);
            time = appliedAt[value] + 1 + random.nextInt(5);
            history.add(random.nextInt(50) == 0 ? unknownWrite(value, invoked, time) : write(value, invoked, time));
            time++;
        }
        for (int reader = 0; reader < 2; reader++) {
            for (long at = random.nextInt(5); at < time - 20; at += 1 + random.nextInt(15)) {
                long end = at + 1 + random.nextInt(15);
                long point = at + random.nextInt((int) (end - at));
                history.add(read(valueAt(appliedAt, point), at, end));
                at = end;
            }
        }
        return history;
    }

    /** The last value applied at or before {@code time} (application times grow with the values). */
    private static long valueAt(long[] appliedAt, long time) {
        int index = Arrays.binarySearch(appliedAt, 1, appliedAt.length, time);
        return index >= 0 ? index : -index - 2;
    }
}
