/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's state from {@code /proc/<pid>/stat} (Linux); elsewhere nothing is known. */
public final class ProcessStates {

    private ProcessStates() {
    }

    /**
     * Whether the process still runs. A killed etcd whose parent died is re-parented to pid 1, which
     * may reap it late: until then it is a zombie that {@link ProcessHandle#isAlive()} reports alive
     * although it holds no files or ports any more.
     */
    public static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    /** Whether the process has exited and only waits to be reaped (state {@code Z}, or {@code X} while being reaped). */
    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": the command may contain spaces and parentheses, so read after the last ')'
            String afterCommand = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return !afterCommand.isEmpty() && (afterCommand.charAt(0) == 'Z' || afterCommand.charAt(0) == 'X');
        } catch (IOException | RuntimeException unknown) {
            return false;
        }
    }
}
