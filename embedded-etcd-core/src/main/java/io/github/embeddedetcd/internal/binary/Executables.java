/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.binary;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Looks a program up the way a shell does: the first executable of that name in a PATH value. */
public final class Executables {

    private Executables() {
    }

    /** The first regular, executable file {@code name} in the directories of {@code pathValue}. */
    public static Optional<Path> onPath(String name, String pathValue) {
        for (String dir : pathValue.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
