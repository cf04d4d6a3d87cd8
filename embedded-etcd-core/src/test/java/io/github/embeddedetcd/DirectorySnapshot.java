/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file and directory under a root with the SHA-256 of its content: equal snapshots mean untouched. */
public record DirectorySnapshot(Map<String, String> entries) {

    public static DirectorySnapshot of(Path root) {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(root)) {
            return new DirectorySnapshot(entries);
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.toList()) {
                entries.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir" : sha256(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DirectorySnapshot(entries);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
