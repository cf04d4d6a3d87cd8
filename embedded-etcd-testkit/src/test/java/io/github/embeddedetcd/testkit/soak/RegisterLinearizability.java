/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the history of one key is linearizable as a register: whether its operations can be put
 * in one order that respects real time (an operation that completed before another was invoked
 * comes first) in which every read returns the value of the last write before it.
 *
 * <p>The search is Wing and Gong's, with Lowe's memoization of (operations taken, register value) as
 * in Jepsen's Knossos and porcupine: walk the invocations and completions in time order, take an
 * invoked operation whenever the register allows it, and go back to the last choice when a completion
 * is reached whose operation nobody could take. A write with an unknown outcome (it failed or timed out
 * on the client) never completes: it may take effect at any time after its invocation, or never.
 *
 * <p>Linearizability is local (Herlihy and Wing), so checking each key on its own checks the whole
 * store. Each key has one writer, so few operations overlap and the search is close to linear.
 */
final class RegisterLinearizability {

    /** A bound on the search: a history that needs more steps is reported, never passed. */
    static final long DEFAULT_STEP_BUDGET = 20_000_000;

    /** What the search found: {@code null} explanation means linearizable. */
    record Result(boolean linearizable, String explanation) {
        static final Result LINEARIZABLE = new Result(true, null);
    }

    private RegisterLinearizability() {
    }

    /**
     * @param operations one key's operations; failed reads are ignored, writes with an unknown outcome
     *                   may take effect at any time after their invocation
     * @param initial    the register's value before the first operation
     */
    static Result check(List<Operation> operations, long initial, long stepBudget) {
        List<Operation> relevant = relevant(operations);
        Entry head = timeline(relevant);
        Set<Memo> seen = new HashSet<>();
        Deque<Choice> choices = new ArrayDeque<>();
        BitSet taken = new BitSet(relevant.size());
        long value = initial;
        int mostTaken = 0;
        Operation blocking = null;
        long blockingValue = initial;
        Entry entry = head.next;
        for (long step = 0; head.next != null; step++) {
            if (step == stepBudget) {
                return new Result(false, "undecided: the search took more than " + stepBudget + " steps over "
                        + relevant.size() + " operations");
            }
            if (entry.isInvocation()) {
                Operation op = entry.operation;
                boolean allowed = op.kind() == Operation.Kind.WRITE || op.value() == value;
                long after = op.kind() == Operation.Kind.WRITE ? op.value() : value;
                if (allowed) {
                    taken.set(entry.id);
                    if (seen.add(new Memo((BitSet) taken.clone(), after))) {
                        choices.push(new Choice(entry, value));
                        value = after;
                        entry.lift();
                        entry = head.next;
                        continue;
                    }
                    taken.clear(entry.id);
                }
                entry = entry.next;
            } else {
                // a completion whose operation nobody before it allows: undo the last choice
                if (choices.size() >= mostTaken) {
                    mostTaken = choices.size();
                    blocking = entry.operation;
                    blockingValue = value;
                }
                if (choices.isEmpty()) {
                    return new Result(false, explain(relevant.size(), mostTaken, blocking, blockingValue));
                }
                Choice last = choices.pop();
                value = last.valueBefore;
                taken.clear(last.entry.id);
                last.entry.unlift();
                entry = last.entry.next;
            }
        }
        return Result.LINEARIZABLE;
    }

    /**
     * Failed reads say nothing. A write with an unknown outcome whose value nobody read can be left
     * out: if the rest has an order, the write fits at its end; if the history with it has one, the
     * write is followed by another write before any read, and the order without it still holds.
     */
    private static List<Operation> relevant(List<Operation> operations) {
        Set<Long> read = operations.stream().filter(Operation::isSuccessfulRead).map(Operation::value)
                .collect(Collectors.toSet());
        return operations.stream()
                .filter(op -> op.isSuccessfulRead() || op.isAcknowledgedWrite()
                        || (op.kind() == Operation.Kind.WRITE && read.contains(op.value())))
                .toList();
    }

    /** Invocations and completions in time order (an invocation first on a tie), after a sentinel head. */
    private static Entry timeline(List<Operation> operations) {
        List<Entry> entries = new ArrayList<>(2 * operations.size());
        for (int id = 0; id < operations.size(); id++) {
            Operation op = operations.get(id);
            Entry invocation = new Entry(op, id, op.invoked());
            Entry completion = new Entry(op, id, op.outcome() == Operation.Outcome.OK ? op.completed() : Long.MAX_VALUE);
            invocation.completion = completion;
            entries.add(invocation);
            entries.add(completion);
        }
        entries.sort(Comparator.comparingLong((Entry e) -> e.time).thenComparing(e -> e.isInvocation() ? 0 : 1));
        Entry head = new Entry(null, -1, Long.MIN_VALUE);
        Entry previous = head;
        for (Entry entry : entries) {
            previous.next = entry;
            entry.previous = previous;
            previous = entry;
        }
        return head;
    }

    private static String explain(int operations, int taken, Operation blocking, long value) {
        return "no order of its " + operations + " operations fits a register: at most " + taken
                + " fit one after another, and then " + blocking + " cannot take effect (the register held "
                + value + " and nothing still open could give it what it needs)";
    }

    /** An invocation or a completion, in a doubly linked list that the search lifts operations out of. */
    private static final class Entry {
        final Operation operation;
        final int id;
        final long time;
        /** Set on an invocation: its completion. */
        Entry completion;
        Entry previous;
        Entry next;

        Entry(Operation operation, int id, long time) {
            this.operation = operation;
            this.id = id;
            this.time = time;
        }

        boolean isInvocation() {
            return completion != null;
        }

        /** Takes this invocation and its completion out of the list (dancing links: they keep their pointers). */
        void lift() {
            unlink(this);
            unlink(completion);
        }

        /** Puts them back; lifts are undone in reverse order, so the neighbours are the ones they had. */
        void unlift() {
            relink(completion);
            relink(this);
        }

        private static void unlink(Entry e) {
            e.previous.next = e.next;
            if (e.next != null) {
                e.next.previous = e.previous;
            }
        }

        private static void relink(Entry e) {
            e.previous.next = e;
            if (e.next != null) {
                e.next.previous = e;
            }
        }
    }

    private record Choice(Entry entry, long valueBefore) {
    }

    private record Memo(BitSet taken, long value) {
    }
}
