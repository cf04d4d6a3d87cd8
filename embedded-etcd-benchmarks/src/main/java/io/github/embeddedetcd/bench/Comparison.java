/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Paired measurements of the library and of bare etcd, taken alternately in the same run. The
 * headline ratio is the library's median over bare etcd's median; the per-pair ratios are shown
 * beside it (they swing widely when one side of a pair hit a slow raft election and the other did not).
 */
final class Comparison {

    private final String what;
    private final String target;
    private final List<Double> library = new ArrayList<>();
    private final List<Double> bare = new ArrayList<>();
    private final List<Double> ratios = new ArrayList<>();

    Comparison(String what, String target) {
        this.what = what;
        this.target = target;
    }

    /**
     * One round of measurements: {@code round} numbers it from 0 (for file names that must differ),
     * and {@code counted} is false for the warm-up round, round 0, whose figures are dropped.
     */
    interface Round {
        void run(int round, boolean counted) throws Exception;
    }

    /** Runs one warm-up round, then {@code runs} counted ones. */
    static void withWarmUp(int runs, Round round) throws Exception {
        for (int i = 0; i <= runs; i++) {
            round.run(i, i > 0);
        }
    }

    void add(double libraryMillis, double bareMillis) {
        library.add(libraryMillis);
        bare.add(bareMillis);
        ratios.add(libraryMillis / bareMillis);
    }

    /**
     * The runs of each side that stayed below a threshold: for a slow mode of etcd's own that either
     * side may hit by chance. Per-pair ratios come from the pairs where both sides stayed below.
     */
    Comparison below(double millis, String description) {
        Comparison kept = new Comparison(description, target);
        library.stream().filter(v -> v < millis).forEach(kept.library::add);
        bare.stream().filter(v -> v < millis).forEach(kept.bare::add);
        for (int i = 0; i < library.size(); i++) {
            if (library.get(i) < millis && bare.get(i) < millis) {
                kept.ratios.add(ratios.get(i));
            }
        }
        return kept;
    }

    static void printHeader() {
        System.out.println("| measurement | library | bare etcd | ratio of medians | per-pair ratios | target |");
        System.out.println("|---|---|---|---|---|---|");
    }

    /** Every measurement, sorted, for the record below the table. */
    void printAll() {
        System.out.printf(Locale.ROOT, "%s: library %s; bare %s%n", what, sorted(library), sorted(bare));
    }

    private static List<Long> sorted(List<Double> values) {
        return values.stream().sorted().map(Math::round).toList();
    }

    void print() {
        if (library.isEmpty() || bare.isEmpty()) {
            System.out.printf(Locale.ROOT, "| %s | %d runs | %d runs | — | — | %s |%n", what, library.size(), bare.size(), target);
            return;
        }
        Stats lib = Stats.of(library);
        Stats base = Stats.of(bare);
        String pairs = ratios.isEmpty() ? "—" : String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)",
                Stats.of(ratios).median(), Stats.of(ratios).min(), Stats.of(ratios).max());
        System.out.printf(Locale.ROOT, "| %s | %s, mean %.0f, %d runs | %s, mean %.0f, %d runs | %.2f× | %s | %s |%n",
                what, lib.millis(), lib.mean(), lib.runs(), base.millis(), base.mean(), base.runs(),
                lib.median() / base.median(), pairs, target);
    }
}
