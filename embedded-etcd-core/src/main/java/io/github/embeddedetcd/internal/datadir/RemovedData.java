/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.internal.util.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Moves a removed member's data dir aside ({@code <dir>.removed-<timestamp>}) so that etcd never
 * starts on it again, keeping the newest few such copies.
 */
public final class RemovedData {

    /** How many moved-aside copies of one data dir are kept. */
    public static final int KEPT = 3;

    private static final Logger LOG = LoggerFactory.getLogger(RemovedData.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private RemovedData() {
    }

    /** Moves the directory aside and prunes old copies; returns where it went. */
    public static Path moveAside(Path dir) {
        Path target = dir.resolveSibling(dir.getFileName() + ".removed-" + STAMP.format(LocalDateTime.now()));
        try {
            Files.move(dir, target);
        } catch (IOException e) {
            throw new EmbeddedEtcdException("Cannot move the removed member's data " + dir + " aside to " + target
                    + ": " + e + ". Move or delete it by hand, then start again.", e);
        }
        LOG.info("Moved the data of a removed member from {} to {}", dir, target);
        prune(dir);
        return target;
    }

    private static void prune(Path dir) {
        String prefix = dir.getFileName() + ".removed-";
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            List<Path> copies = siblings.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted(Comparator.comparing(Path::toString).reversed()).toList();
            for (Path old : copies.subList(Math.min(KEPT, copies.size()), copies.size())) {
                FileTrees.delete(old);
                LOG.info("Deleted old removed-member data {}", old);
            }
        } catch (IOException e) {
            LOG.warn("Cannot prune old copies of {}: {}", dir, e.toString());
        }
    }

}
