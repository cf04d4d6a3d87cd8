/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.maintenance.SnapshotResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stream's hash check over chunks of any size: etcd's hash is the last 32 bytes, wherever the chunks end. */
class SnapshotStreamTest {

    /** Chunk sizes around the 32-byte hash: smaller, equal, larger, and a chunk that splits the hash. */
    private static final int[] CHUNKS = {7, 32, 31, 33, 1, 40_000, 5, 64, 3};

    @TempDir
    Path dir;

    @Test
    void aStreamCutIntoChunksOfAnySizeIsCheckedAndWrittenWhole() throws Exception {
        byte[] database = new byte[100_000];
        new Random(25).nextBytes(database);
        byte[] stream = withHash(database);

        Path file = dir.resolve("snapshot.db");
        SnapshotStream.Received received = feed(stream, file);

        assertThat(received.bytes()).isEqualTo(stream.length);
        assertThat(received.sha256()).isEqualTo(HexFormat.of().formatHex(sha256(database)));
        assertThat(Files.readAllBytes(file)).isEqualTo(stream);
    }

    @Test
    void aByteChangedOnTheWayFailsTheCheck() throws Exception {
        byte[] database = new byte[50_000];
        new Random(26).nextBytes(database);
        byte[] stream = withHash(database);
        stream[12_345] ^= 1;

        assertThatThrownBy(() -> feed(stream, dir.resolve("damaged.db")))
                .hasMessageContaining("does not match its own SHA-256");
    }

    private static SnapshotStream.Received feed(byte[] stream, Path file) throws Exception {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            SnapshotStream observer = new SnapshotStream(out);
            int offset = 0;
            for (int i = 0; offset < stream.length; i++) {
                int size = Math.min(CHUNKS[i % CHUNKS.length], stream.length - offset);
                observer.onNext(new SnapshotResponse(io.etcd.jetcd.api.SnapshotResponse.newBuilder()
                        .setBlob(ByteString.copyFrom(stream, offset, size)).build()));
                offset += size;
            }
            observer.onCompleted();
            return observer.checked(file);
        }
    }

    private static byte[] withHash(byte[] database) throws Exception {
        byte[] hash = sha256(database);
        byte[] stream = Arrays.copyOf(database, database.length + hash.length);
        System.arraycopy(hash, 0, stream, database.length, hash.length);
        return stream;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
