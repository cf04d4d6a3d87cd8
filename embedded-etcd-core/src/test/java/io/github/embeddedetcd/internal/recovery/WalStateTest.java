/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.recovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The WAL reader on hand-made WAL files: etcd's framing, padding, overwritten entries, a torn end. */
class WalStateTest {

    @TempDir
    Path wal;

    @Test
    void theLastEntryAndTheHighestCommitAreReadAcrossFilesInOrder() throws IOException {
        write("0000000000000000-0000000000000000.wal", metadata(7, 9), entry(1, 1), entry(1, 2), entry(2, 3),
                hardState(2, 2));
        // a new leader overwrote index 3 with its own entry: the later record is the log
        write("0000000000000001-0000000000000004.wal", metadata(7, 9), entry(3, 3), hardState(3, 3));

        assertThat(WalState.read(wal)).isEqualTo(new WalState(7, 9, 3, 3, 3));
    }

    @Test
    void aPaddedRecordIsReadAndTheZerosOfAPreallocatedFileEndTheReading() throws IOException {
        write("0000000000000000-0000000000000000.wal", metadata(7, 9), padded(entry(1, 300)), hardState(1, 300),
                new byte[4096]);

        assertThat(WalState.read(wal)).isEqualTo(new WalState(7, 9, 300, 1, 300));
    }

    @Test
    void aTornLastRecordEndsTheReadingAsEtcdCutsItOff() throws IOException {
        byte[] torn = entry(1, 6);
        write("0000000000000000-0000000000000000.wal", metadata(7, 9), entry(1, 5), hardState(1, 5),
                Arrays.copyOf(torn, torn.length - 3));

        assertThat(WalState.read(wal)).isEqualTo(new WalState(7, 9, 5, 1, 5));
    }

    @Test
    void aSnapshotMarkerCountsAsTheLogWhenNoEntryFollowsIt() throws IOException {
        write("0000000000000000-0000000000000000.wal", metadata(7, 9), snapshot(10_000, 4));

        assertThat(WalState.read(wal)).isEqualTo(new WalState(7, 9, 10_000, 4, 10_000));
    }

    @Test
    void aDirectoryWithoutWalFilesOrWithARecordThatDoesNotParseIsAnError() throws IOException {
        assertThatThrownBy(() -> WalState.read(wal)).isInstanceOf(IOException.class).hasMessageContaining("holds no etcd WAL file");

        write("0000000000000000-0000000000000000.wal", frame(new byte[] {(byte) 0xFF, (byte) 0xFF}));
        assertThatThrownBy(() -> WalState.read(wal)).isInstanceOf(IOException.class)
                .hasMessageContaining("is damaged: the WAL record at byte 0 does not parse");
    }

    private void write(String name, byte[]... records) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (byte[] record : records) {
            file.writeBytes(record);
        }
        Files.write(wal.resolve(name), file.toByteArray());
    }

    private static byte[] metadata(long member, long cluster) {
        return record(1, message(1, member, 2, cluster));
    }

    private static byte[] entry(long term, long index) {
        return record(2, message(2, term, 3, index));
    }

    private static byte[] hardState(long term, long commit) {
        return record(3, message(1, term, 3, commit));
    }

    private static byte[] snapshot(long index, long term) {
        return record(5, message(1, index, 2, term));
    }

    /** A walpb.Record {type, data} in its frame. */
    private static byte[] record(int type, byte[] data) {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        varint(record, 1 << 3);
        varint(record, type);
        varint(record, (3 << 3) | 2);
        varint(record, data.length);
        record.writeBytes(data);
        return frame(record.toByteArray());
    }

    private static byte[] message(int field1, long value1, int field2, long value2) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        varint(message, (long) field1 << 3);
        varint(message, value1);
        varint(message, (long) field2 << 3);
        varint(message, value2);
        return message.toByteArray();
    }

    private static byte[] frame(byte[] record) {
        return concat(8 + record.length, littleEndian(record.length), record);
    }

    /** The frame again with its record padded to 8 bytes, as etcd writes it, the padding flagged in the length. */
    private static byte[] padded(byte[] frame) {
        int length = frame.length - 8;
        int padding = (8 - length % 8) % 8;
        assertThat(padding).as("a record that needs padding").isPositive();
        long header = length | ((0x80L | padding) << 56);
        return concat(frame.length + padding, littleEndian(header), Arrays.copyOfRange(frame, 8, frame.length));
    }

    private static byte[] littleEndian(long value) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }

    private static byte[] concat(int length, byte[]... parts) {
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            int n = Math.min(part.length, length - at);
            System.arraycopy(part, 0, out, at, n);
            at += n;
        }
        return out;
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }
}
