/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.binary;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/** Extracts a bundled binary in a JVM of its own: {@code <classpath dir> <cache> <platform>}; prints its path. */
public final class ExtractInAnotherJvm {

    private ExtractInAnotherJvm() {
    }

    public static void main(String[] args) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()}, null)) {
            System.out.println(new BundledBinary(loader, Path.of(args[1]), args[2]).path().orElseThrow());
        }
    }
}
