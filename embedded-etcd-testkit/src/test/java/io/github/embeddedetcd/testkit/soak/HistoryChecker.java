/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a history against the store's final contents:
 * <ul>
 *   <li><b>lost</b>: a key's final value is below its last acknowledged write;</li>
 *   <li><b>phantom</b>: a read or the final contents show a value that no write of that key ever carried;</li>
 *   <li><b>stale</b>: a read that began after a write of the key was acknowledged returned an older value
 *       (each key has one writer whose values grow, so "older" is "smaller").</li>
 * </ul>
 */
final class HistoryChecker {

    /** What the check found; empty lists mean none. */
    record Verdict(List<String> lost, List<String> phantoms, List<String> staleReads) {
        boolean isClean() {
            return lost.isEmpty() && phantoms.isEmpty() && staleReads.isEmpty();
        }
    }

    private HistoryChecker() {
    }

    /** @param finalValues each key's value read (linearizably) after the run; absent or 0 when never written */
    static Verdict check(List<Operation> history, Map<String, Long> finalValues) {
        Map<String, Set<Long>> attempted = new HashMap<>();
        Map<String, List<Operation>> acknowledged = new HashMap<>();
        for (Operation op : history) {
            if (op.kind() == Operation.Kind.WRITE) {
                attempted.computeIfAbsent(op.key(), k -> new HashSet<>()).add(op.value());
                if (op.isAcknowledgedWrite()) {
                    acknowledged.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
                }
            }
        }
        List<String> lost = new ArrayList<>();
        acknowledged.forEach((key, writes) -> {
            long last = writes.stream().mapToLong(Operation::value).max().orElse(0);
            long now = finalValues.getOrDefault(key, 0L);
            if (now < last) {
                lost.add(key + ": acknowledged " + last + ", final " + now);
            }
        });
        List<String> phantoms = new ArrayList<>();
        finalValues.forEach((key, value) -> {
            if (value != 0 && !attempted.getOrDefault(key, Set.of()).contains(value)) {
                phantoms.add(key + " = " + value + " at the end, never written");
            }
        });
        List<String> stale = new ArrayList<>();
        for (Operation read : history) {
            if (!read.isSuccessfulRead()) {
                continue;
            }
            if (read.value() != 0 && !attempted.getOrDefault(read.key(), Set.of()).contains(read.value())) {
                phantoms.add(read.key() + " = " + read.value() + " read, never written");
            }
            long newestAcknowledgedBefore = acknowledged.getOrDefault(read.key(), List.of()).stream()
                    .filter(write -> write.completed() < read.invoked()).mapToLong(Operation::value).max().orElse(0);
            if (read.value() < newestAcknowledgedBefore) {
                stale.add(read.key() + ": read " + read.value() + " after " + newestAcknowledgedBefore
                        + " was acknowledged");
            }
        }
        return new Verdict(lost, phantoms, stale);
    }
}
