/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median, min, max and mean of repeated measurements. */
record Stats(double median, double min, double max, double mean, int runs) {

    static Stats of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new Stats(median, sorted.get(0), sorted.get(n - 1), mean, n);
    }

    /** Milliseconds since a {@link System#nanoTime()} reading. */
    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    String millis() {
        return String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f)", median, min, max);
    }
}
