/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import io.github.embeddedetcd.snapshot.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of scheduled snapshots, which sort by time and say whose they are:
 * {@code snapshot-20261207T061500123Z-<cluster id>-<member>-r<revision>.db}. Retention and the
 * newest snapshot only look at files of this shape and of one cluster; other files in the
 * directory are left alone.
 */
final class SnapshotNames {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotNames.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private SnapshotNames() {
    }

    static String of(Snapshot taken) {
        return "snapshot-" + TIME.format(taken.takenAt()) + "-" + taken.clusterIdHex() + "-"
                + taken.member().replaceAll("[^A-Za-z0-9._-]", "_") + "-r" + taken.revision() + ".db";
    }

    /** This cluster's scheduled snapshots in the directory, newest first. */
    static List<Path> ofCluster(Path directory, long clusterId) {
        Pattern shape = Pattern.compile("snapshot-\\d{8}T\\d{9}Z-" + String.format("%016x", clusterId)
                + "-[A-Za-z0-9._-]*-r\\d+\\.db");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> shape.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            LOG.warn("Cannot list the snapshots in {}: {}", directory, e.toString());
            return List.of();
        }
    }

    static Optional<Snapshot> newest(Path directory, long clusterId) {
        return newest(ofCluster(directory, clusterId));
    }

    /** The newest of this cluster's snapshots that a check proved restorable. */
    static Optional<Snapshot> newestProven(Path directory, long clusterId) {
        return newest(ofCluster(directory, clusterId).stream().filter(SnapshotCheck::isProven).toList());
    }

    private static Optional<Snapshot> newest(List<Path> newestFirst) {
        for (Path file : newestFirst) {
            try {
                return Optional.of(SnapshotFiles.read(file));
            } catch (RuntimeException unreadable) {
                LOG.debug("Skipping snapshot {}: {}", file, unreadable.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Deletes this cluster's scheduled snapshots beyond the newest {@code keep}, with their metadata. */
    static void deleteBeyond(Path directory, long clusterId, int keep) {
        List<Path> all = ofCluster(directory, clusterId);
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            try {
                Files.deleteIfExists(SnapshotCheck.recordFile(old));
                Files.deleteIfExists(Snapshot.metadataFile(old));
                Files.deleteIfExists(old);
                LOG.info("Deleted snapshot {}: beyond the {} that embedded.snapshot-retention keeps", old, keep);
            } catch (IOException e) {
                LOG.warn("Cannot delete old snapshot {}: {}. Delete it by hand; the next snapshot tries again.", old,
                        e.toString());
            }
        }
    }
}
