/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a history against the store's final contents:
 * <ul>
 *   <li><b>lost</b>: a key's final value is below its last acknowledged write, and is not the value of a
 *       write with an unknown outcome (which may take effect at any later time);</li>
 *   <li><b>phantom</b>: a read or the final contents show a value that no write of that key ever carried;</li>
 *   <li><b>not linearizable</b>: no order of a key's operations, the final read included, fits a
 *       register ({@link RegisterLinearizability}).</li>
 * </ul>
 * The first two are implied by the third; they are named apart because they say at once what went wrong.
 */
final class HistoryChecker {

    /** What the check found; empty means none. {@code notLinearizable} maps a key to the explanation. */
    record Verdict(List<String> lost, List<String> phantoms, Map<String, String> notLinearizable) {
        boolean isClean() {
            return lost.isEmpty() && phantoms.isEmpty() && notLinearizable.isEmpty();
        }
    }

    private HistoryChecker() {
    }

    /** @param finalValues each key's value read (linearizably) after the run; absent or 0 when never written */
    static Verdict check(List<Operation> history, Map<String, Long> finalValues) {
        return check(history, finalValues, RegisterLinearizability.DEFAULT_STEP_BUDGET);
    }

    static Verdict check(List<Operation> history, Map<String, Long> finalValues, long stepBudget) {
        Map<String, List<Operation>> byKey = new LinkedHashMap<>();
        history.forEach(op -> byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op));
        finalValues.keySet().forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()));
        long end = history.stream().mapToLong(op -> Math.max(op.invoked(), op.completed())).max().orElse(0) + 1;

        List<String> lost = new ArrayList<>();
        List<String> phantoms = new ArrayList<>();
        Map<String, String> notLinearizable = new LinkedHashMap<>();
        byKey.forEach((key, operations) -> {
            long last = finalValues.getOrDefault(key, 0L);
            Set<Long> attempted = new HashSet<>();
            Set<Long> acknowledged = new HashSet<>();
            for (Operation op : operations) {
                if (op.kind() == Operation.Kind.WRITE) {
                    attempted.add(op.value());
                    if (op.isAcknowledgedWrite()) {
                        acknowledged.add(op.value());
                    }
                }
            }
            // an older final value is a loss unless its write's outcome was unknown: that may take effect late
            long newest = acknowledged.stream().mapToLong(Long::longValue).max().orElse(0);
            if (last < newest && (last == 0 || acknowledged.contains(last))) {
                lost.add(key + ": acknowledged " + newest + ", final " + last);
            }
            if (last != 0 && !attempted.contains(last)) {
                phantoms.add(key + " = " + last + " at the end, never written");
            }
            operations.stream().filter(op -> op.isSuccessfulRead() && op.value() != 0 && !attempted.contains(op.value()))
                    .forEach(read -> phantoms.add(key + " = " + read.value() + " read, never written"));

            List<Operation> withFinalRead = new ArrayList<>(operations);
            withFinalRead.add(new Operation(Operation.Kind.READ, key, last, end, end + 1, Operation.Outcome.OK, 0));
            RegisterLinearizability.Result result = RegisterLinearizability.check(withFinalRead, 0, stepBudget);
            if (!result.linearizable()) {
                notLinearizable.put(key, result.explanation());
            }
        });
        return new Verdict(lost, phantoms, notLinearizable);
    }
}
