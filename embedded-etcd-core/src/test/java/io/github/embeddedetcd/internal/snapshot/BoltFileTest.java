/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files that are not etcd backends are refused with the reason, never misread (real ones: SnapshotTest). */
class BoltFileTest {

    @TempDir
    Path dir;

    @Test
    void aFileWithoutTheBboltHeaderIsNotAnEtcdBackend() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.db"), "x".repeat(4096));

        assertThatThrownBy(() -> BoltFile.open(text)).isInstanceOf(IOException.class)
                .hasMessageContaining(text + " is not an etcd backend file");
    }

    @Test
    void aFileCutInsideItsHeaderIsRefused() throws Exception {
        Path cut = Files.write(dir.resolve("cut.db"), new byte[10]);

        assertThatThrownBy(() -> BoltFile.open(cut)).isInstanceOf(IOException.class);
    }

    @Test
    void aRootPageBeyondTheEndIsDamagedNotAnEndlessRead() throws Exception {
        ByteBuffer meta = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
        meta.putInt(16, 0xED0CDAED).putInt(20, 2).putInt(24, 4096).putLong(32, 999);  // root bucket on page 999
        Path file = Files.write(dir.resolve("damaged.db"), meta.array());

        try (BoltFile database = BoltFile.open(file)) {
            assertThatThrownBy(database::revision).isInstanceOf(IOException.class)
                    .hasMessageContaining("page 999 lies beyond its end");
        }
    }
}
