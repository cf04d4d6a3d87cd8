/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import java.util.List;
import java.util.Optional;

/** What to do about the fatal errors etcd most often gives at start, recognised in its last lines. */
final class StartHints {

    private record Hint(String etcdSays, String advice) {
    }

    private static final List<Hint> HINTS = List.of(
            new Hint("crc mismatch", "etcd found its write-ahead log damaged and left the data dir as it is. Restore "
                    + "the data dir from a backup, or remove this member from its cluster through another member, move "
                    + "the data dir away and join again."),
            new Hint("unexpected EOF", "etcd found a file of its data dir cut short (a full disk or a crash while "
                    + "writing) and left the data dir as it is. Restore it from a backup, or remove this member "
                    + "through another member, move the data dir away and join again."),
            new Hint("member count is unequal", "initial-cluster does not list the cluster's current members; a "
                    + "member that joins must name them all (the library's join() does this for you)."),
            new Hint("permission denied", "etcd cannot use a file or directory it needs; check the owner and "
                    + "permissions of the data dir, the wal dir and the TLS files."));

    private StartHints() {
    }

    /** Advice for the first known error among the lines, if any. */
    static Optional<String> forLines(List<String> lines) {
        return HINTS.stream().filter(h -> lines.stream().anyMatch(line -> line.contains(h.etcdSays())))
                .map(Hint::advice).findFirst();
    }
}
