/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import io.github.embeddedetcd.internal.util.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** Checks a snapshot file as etcd's restore does: a bbolt database whose SHA-256 follows it. */
final class SnapshotIntegrity {

    private static final int SHA256_BYTES = 32;
    private static final int BUFFER = 64 * 1024;

    private SnapshotIntegrity() {
    }

    /** What a sound snapshot file holds. */
    record Checked(String sha256, long revision) {
    }

    /** @throws IOException saying how the file is damaged */
    static Checked check(Path file) throws IOException {
        long size = Files.size(file);
        if (size < SHA256_BYTES || (size - SHA256_BYTES) % 512 != 0) {
            throw new IOException(file + " is not a whole snapshot: " + size + " bytes is not a database (a multiple "
                    + "of 512 bytes) followed by its 32-byte SHA-256; it was cut short, or saved some other way");
        }
        MessageDigest digest = Sha256.newDigest();
        byte[] trailer;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            long left = size - SHA256_BYTES;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + " ended while it was read");
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
            trailer = in.readNBytes(SHA256_BYTES);
        }
        byte[] computed = digest.digest();
        if (!Arrays.equals(computed, trailer)) {
            throw new IOException(file + " is damaged: its database does not match the SHA-256 saved with it");
        }
        try (BoltFile database = BoltFile.open(file)) {
            return new Checked(HexFormat.of().formatHex(computed), database.revision());
        }
    }
}
