/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import java.util.List;
import java.util.Optional;

/** What to do about the fatal errors etcd most often gives at start, recognised in its last lines. */
final class StartHints {

    private record Hint(List<String> etcdSays, String advice) {

        Hint(String etcdSays, String advice) {
            this(List.of(etcdSays), advice);
        }

        boolean matches(String line) {
            return etcdSays.stream().anyMatch(line::contains);
        }
    }

    /** How to bring back a member whose data etcd cannot read; docs/backup.md has it as a runbook. */
    private static final String REPLACE_DAMAGED_DATA = "Restore the data dir from a backup, or, while the other "
            + "members run, remove this member through one of them, move the data dir aside and start it with "
            + "embedded.join-endpoints naming them (docs/backup.md, \"A member with damaged data\").";

    private static final List<Hint> HINTS = List.of(
            new Hint(List.of("crc mismatch", "max entry size limit exceeded"), "etcd found its write-ahead log "
                    + "damaged and left the data dir as it is. " + REPLACE_DAMAGED_DATA),
            new Hint("unexpected EOF", "etcd found a file of its data dir cut short (a full disk or a crash while "
                    + "writing) and left the data dir as it is. " + REPLACE_DAMAGED_DATA),
            new Hint("member count is unequal", "initial-cluster does not list the cluster's current members; a "
                    + "member that joins must name them all (the library's join() does this for you)."),
            new Hint("permission denied", "etcd cannot use a file or directory it needs; check the owner and "
                    + "permissions of the data dir, the wal dir and the TLS files."));

    private StartHints() {
    }

    /** Advice for the first known error among the lines, if any. */
    static Optional<String> forLines(List<String> lines) {
        return HINTS.stream().filter(h -> lines.stream().anyMatch(h::matches))
                .map(Hint::advice).findFirst();
    }
}
