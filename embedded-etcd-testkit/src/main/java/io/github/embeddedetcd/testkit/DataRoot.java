/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary directory holding a test cluster's data dirs. */
final class DataRoot {

    private static final Logger LOG = LoggerFactory.getLogger(DataRoot.class);

    private final Path path;

    private DataRoot(Path path) {
        this.path = path;
    }

    static DataRoot create(String clusterName) {
        try {
            return new DataRoot(Files.createTempDirectory("etcd-testkit-" + clusterName + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for test cluster " + clusterName
                    + " in " + System.getProperty("java.io.tmpdir") + "; check that it is writable", e);
        }
    }

    Path path() {
        return path;
    }

    /** Empties the directory, keeping it. */
    void clear() {
        delete(false);
    }

    /** Deletes the directory and all it holds. */
    void delete() {
        delete(true);
    }

    private void delete(boolean includingRoot) {
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                if (includingRoot || !p.equals(path)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", path, e.toString());
        }
    }
}
