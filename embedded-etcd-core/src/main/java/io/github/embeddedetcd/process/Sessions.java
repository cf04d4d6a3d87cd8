package io.github.embeddedetcd.process;

import io.github.embeddedetcd.binary.Executables;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs children in a session of their own ({@code setsid}, when the machine has it), so that a
 * terminal's Ctrl-C reaches only the JVM, which then stops etcd in order — not etcd directly.
 * The child keeps its pid: it is not a process group leader, so {@code setsid} execs in place.
 */
final class Sessions {

    private static final Optional<Path> SETSID = find();

    private Sessions() {
    }

    static List<String> detached(List<String> command) {
        if (SETSID.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(SETSID.get().toString());
        wrapped.addAll(command);
        return wrapped;
    }

    private static Optional<Path> find() {
        return Executables.onPath("setsid", System.getenv().getOrDefault("PATH", ""));
    }
}
