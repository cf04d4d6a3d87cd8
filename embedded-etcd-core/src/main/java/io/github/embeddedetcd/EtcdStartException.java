/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.util.List;
import java.util.OptionalInt;

/**
 * etcd did not become ready: it exited, or {@code /health} did not answer in time. Carries the
 * exit code (when it exited) and the last lines etcd printed.
 */
public class EtcdStartException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    private final Integer exitCode;
    private final List<String> lastLines;

    public EtcdStartException(String problem, Integer exitCode, List<String> lastLines) {
        super(problem + lastLinesText(lastLines));
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
    }

    /** The exit code, when etcd exited. */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /** The last lines etcd printed (condensed: level, message, fields), oldest first. */
    public List<String> lastLines() {
        return lastLines;
    }

    private static String lastLinesText(List<String> lines) {
        if (lines.isEmpty()) {
            return "\netcd printed nothing.";
        }
        return "\nLast lines from etcd:\n  " + String.join("\n  ", lines);
    }
}
