/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Suggests the known key closest to a misspelt one (Levenshtein distance over dotted keys and their last part). */
final class NearestKey {

    private NearestKey() {
    }

    /** The closest known key by spelling, or else one that starts like it (heartbeat: heartbeat-interval). */
    static Optional<String> find(String unknown, Collection<String> known) {
        return closest(unknown, known).or(() -> startingLike(unknown, known));
    }

    private static Optional<String> startingLike(String unknown, Collection<String> known) {
        String part = lastPart(unknown);
        return part.length() < 4 ? Optional.empty() : known.stream()
                .filter(k -> lastPart(k).startsWith(part)).min(Comparator.comparingInt(String::length));
    }

    private static Optional<String> closest(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = Math.min(distance(unknown, candidate), distance(unknown, lastPart(candidate)) + 1);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, lastPart(unknown).length() / 3);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    private static String lastPart(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
