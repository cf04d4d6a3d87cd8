/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.internal.binary.BinaryResolver;

import java.nio.file.Path;

/**
 * An etcd executable that was found and whose version was checked.
 *
 * @param path    the executable
 * @param version what {@code etcd --version} printed
 */
public record EtcdBinary(Path path, EtcdVersion version) {

    /**
     * The etcd a member without {@code embedded.binary} runs: {@code ETCD_BINARY}, else the binary
     * of an {@code embedded-etcd-binaries-<platform>} jar on the classpath (extracted once to a
     * per-user cache), else {@code etcd} on {@code PATH}; its version is checked.
     *
     * @throws EtcdBinaryException naming every place looked and how to install etcd
     */
    public static EtcdBinary locate() {
        return new BinaryResolver(System.getenv()).resolve(null);
    }

    /**
     * The etcd at this path, its version checked.
     *
     * @throws EtcdBinaryException when it does not exist, cannot run, or is older than 3.4
     */
    public static EtcdBinary at(Path path) {
        return new BinaryResolver(System.getenv()).resolve(path);
    }

    /** Whether this etcd has {@code --unsafe-no-fsync} (3.5 and newer). */
    public boolean supportsUnsafeNoFsync() {
        return version.isAtLeast(new EtcdVersion(3, 5, 0));
    }
}
