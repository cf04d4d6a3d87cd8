/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.snapshot;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.internal.snapshot.SnapshotFiles;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A saved etcd snapshot: the file, in {@code etcdctl snapshot save}'s format (the backend database
 * followed by its SHA-256), and what it holds. The same facts are written next to it, in
 * {@link #metadataFile(Path)}, so that a restore on a fresh host needs nothing else.
 *
 * @param file        the snapshot file
 * @param revision    the store's revision in the snapshot: every write at or below it is in it, none after
 * @param sizeBytes   the file's size
 * @param sha256      the database's SHA-256 (hex), as etcd computed it and as the file ends with it
 * @param member      the name of the member it was taken from
 * @param memberId    that member's id
 * @param clusterId   the id of the cluster it was taken from
 * @param etcdVersion that member's etcd version
 * @param takenAt     when the snapshot was complete
 * @param members     the cluster's members at that time (no leader flag or status)
 */
public record Snapshot(Path file, long revision, long sizeBytes, String sha256, String member, long memberId,
                       long clusterId, String etcdVersion, Instant takenAt, List<Member> members) {

    public Snapshot {
        members = List.copyOf(members);
    }

    /** Where the metadata of the snapshot at {@code file} is kept: {@code <file>.json}. */
    public static Path metadataFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".json");
    }

    /**
     * The snapshot at {@code file}, as its metadata file describes it.
     *
     * @throws SnapshotException when the metadata file is missing or cannot be read
     */
    public static Snapshot read(Path file) {
        return SnapshotFiles.read(file);
    }

    /**
     * The snapshots in {@code directory} that have their metadata file, oldest first.
     *
     * @throws SnapshotException when the directory cannot be listed or a metadata file cannot be read
     */
    public static List<Snapshot> list(Path directory) {
        return SnapshotFiles.list(directory);
    }

    /** The cluster id as 16 hex digits, as etcdctl prints it. */
    public String clusterIdHex() {
        return String.format("%016x", clusterId);
    }
}
