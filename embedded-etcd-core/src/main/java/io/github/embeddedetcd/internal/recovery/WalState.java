/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.recovery;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a stopped member's write-ahead log says of its raft state: whose log it is, its last entry
 * and the highest index it knew committed. etcd writes {@code member/wal/<seq>-<index>.wal} files of
 * frames: an 8-byte little-endian length (its top byte flags padding), then a {@code walpb.Record}
 * of a type and data — metadata (member and cluster id), a raft entry, a raft hard state, a
 * snapshot marker. Entries a new leader overwrote come again later in the log, so the last one read
 * is the last entry. A torn frame at the end (a crash mid-write) ends the reading, as etcd repairs it.
 *
 * @param commitIndex the raft commit index of the last hard state: what {@code --force-new-cluster} keeps
 */
public record WalState(long memberId, long clusterId, long lastIndex, long lastTerm, long commitIndex) {

    private static final int METADATA = 1;
    private static final int ENTRY = 2;
    private static final int HARD_STATE = 3;
    private static final int SNAPSHOT = 5;
    private static final long LENGTH_MASK = 0x00FF_FFFF_FFFF_FFFFL;
    private static final int MAX_RECORD = 256 * 1024 * 1024;

    /**
     * Reads every WAL file in the directory, in order.
     *
     * @throws IOException when the directory has no WAL file or a record cannot be read
     */
    public static WalState read(Path walDir) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(walDir)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(".wal")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(walDir + " holds no etcd WAL file (*.wal)");
        }
        Reading reading = new Reading();
        for (Path file : files) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                reading.frames(new DataInputStream(in), file);
            }
        }
        return new WalState(reading.memberId, reading.clusterId, reading.lastIndex, reading.lastTerm, reading.commit);
    }

    private static final class Reading {
        long memberId;
        long clusterId;
        long lastIndex;
        long lastTerm;
        long commit;

        void frames(DataInputStream in, Path file) throws IOException {
            long offset = 0;
            while (true) {
                byte[] header = new byte[8];
                if (!readFully(in, header)) {
                    return;
                }
                long frame = littleEndian(header);
                long length = frame & LENGTH_MASK;
                int padding = frame < 0 ? (int) ((frame >>> 56) & 0x7) : 0;
                if (length == 0) {
                    return; // the zeros a preallocated file ends in
                }
                if (length > MAX_RECORD) {
                    throw new IOException(file + " is damaged: a WAL record at byte " + offset + " claims " + length
                            + " bytes");
                }
                byte[] record = new byte[(int) length + padding];
                if (!readFully(in, record)) {
                    return; // torn write at the end: etcd cuts it off on its next start too
                }
                byte[] data = new byte[(int) length];
                System.arraycopy(record, 0, data, 0, data.length);
                try {
                    apply(ProtoFields.parse(data));
                } catch (IOException e) {
                    throw new IOException(file + " is damaged: the WAL record at byte " + offset + " does not parse ("
                            + e.getMessage() + ")", e);
                }
                offset += 8 + record.length;
            }
        }

        private void apply(ProtoFields record) throws IOException {
            ProtoFields data = ProtoFields.parse(record.bytes(3));
            switch ((int) record.number(1)) {
                case METADATA -> {
                    memberId = data.number(1);
                    clusterId = data.number(2);
                }
                case ENTRY -> {
                    lastTerm = data.number(2);
                    lastIndex = data.number(3);
                }
                case HARD_STATE -> commit = Math.max(commit, data.number(3));
                case SNAPSHOT -> {
                    if (data.number(1) > lastIndex) {
                        lastIndex = data.number(1);
                        lastTerm = data.number(2);
                    }
                    commit = Math.max(commit, data.number(1));
                }
                default -> {
                    // the CRC records that chain the files: nothing to learn from them here
                }
            }
        }
    }

    private static boolean readFully(DataInputStream in, byte[] into) throws IOException {
        try {
            in.readFully(into);
            return true;
        } catch (EOFException e) {
            return false;
        }
    }

    private static long littleEndian(byte[] bytes) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }
}
