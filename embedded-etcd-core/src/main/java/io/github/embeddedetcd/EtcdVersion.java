/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An etcd release version such as 3.4.23. */
public record EtcdVersion(int major, int minor, int patch) implements Comparable<EtcdVersion> {

    /** The oldest supported version: learners exist since 3.4. */
    public static final EtcdVersion MINIMUM = new EtcdVersion(3, 4, 0);

    private static final Pattern VERSION_LINE = Pattern.compile("etcd Version:\\s*v?(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Comparator<EtcdVersion> ORDER = Comparator.comparingInt(EtcdVersion::major)
            .thenComparingInt(EtcdVersion::minor).thenComparingInt(EtcdVersion::patch);

    /** Finds the version in the output of {@code etcd --version}. */
    public static Optional<EtcdVersion> fromVersionOutput(String output) {
        Matcher m = VERSION_LINE.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new EtcdVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    public boolean isAtLeast(EtcdVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(EtcdVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
