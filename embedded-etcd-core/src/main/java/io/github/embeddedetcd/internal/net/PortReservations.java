/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports handed out from blocks of ports that this JVM holds a file lock on, so that no other
 * JVM that takes its ports here (another module's tests, a benchmark, the CLI's training run, a second
 * build on the machine) is handed one of them while this JVM lives; the operating system drops the locks
 * when the JVM exits, even by SIGKILL. Within a block each port goes out once, and only when it can be
 * bound: a process that chose its port some other way may hold it.
 *
 * <p>Ports come from below the kernel's ephemeral range (Linux:
 * {@code /proc/sys/net/ipv4/ip_local_port_range}): a port in that range can be taken by any outgoing
 * connection as its local port between our check and etcd's bind.
 */
public final class PortReservations {

    /** The directory of the lock files; the default is one per user under {@code java.io.tmpdir}. */
    public static final String DIRECTORY_PROPERTY = "embedded-etcd.ports.dir";
    static final int BLOCK_SIZE = 64;
    /** Above the ports that services commonly listen on. */
    static final int LOWEST = 10_000;
    /** Linux's default start of the ephemeral range, and below other systems' (macOS: 49152). */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private final Path directory;
    private final int blocks;
    private final List<FileChannel> held = new ArrayList<>();
    private final List<Integer> heldBlocks = new ArrayList<>();
    private int next;
    private int blockEnd;

    PortReservations(Path directory, int ephemeralStart) {
        this.directory = directory;
        this.blocks = (ephemeralStart - LOWEST) / BLOCK_SIZE;
    }

    /** The JVM's reservations, in the configured directory, below this machine's ephemeral range. */
    public static PortReservations forThisMachine() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        Path directory = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "embedded-etcd-ports-" + System.getProperty("user.name"));
        return new PortReservations(directory, ephemeralStart());
    }

    /** A port on 127.0.0.1 that is free now and that no other JVM reserving here is handed while this one lives. */
    public synchronized int next() {
        for (int attempt = 0; attempt < blocks * BLOCK_SIZE; attempt++) {
            if (next == blockEnd) {
                reserveBlock();
            }
            int port = next++;
            if (isBindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no loopback port from " + LOWEST + " to " + (LOWEST + blocks * BLOCK_SIZE - 1)
                + " can be bound: stop what holds them, or widen the range below the ephemeral ports");
    }

    private void reserveBlock() {
        createDirectory();
        int first = ThreadLocalRandom.current().nextInt(blocks);
        for (int i = 0; i < blocks; i++) {
            int block = (first + i) % blocks;
            if (!heldBlocks.contains(block) && tryLock(block)) {
                heldBlocks.add(block);
                next = LOWEST + block * BLOCK_SIZE;
                blockEnd = next + BLOCK_SIZE;
                return;
            }
        }
        throw new IllegalStateException("every block of loopback ports from " + LOWEST + " to "
                + (LOWEST + blocks * BLOCK_SIZE - 1) + " is reserved by a running JVM (lock files in " + directory
                + "); end JVMs that started etcd members on loopback, or set -D" + DIRECTORY_PROPERTY
                + " to a directory of their own");
    }

    private boolean tryLock(int block) {
        Path file = directory.resolve("ports-" + (LOWEST + block * BLOCK_SIZE) + ".lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = null;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                // by another class loader's copy of this class: as good as another JVM's
            }
            if (lock == null) {
                channel.close();
                return false;
            }
            held.add(channel); // open until the JVM exits: closing it would drop the lock
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot reserve loopback ports with the lock file " + file + ": "
                    + e.getMessage() + "; make " + directory + " writable, or set -D" + DIRECTORY_PROPERTY
                    + " to a writable directory", e);
        }
    }

    private void createDirectory() {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory);
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + directory + " for the loopback port reservations: "
                    + e.getMessage() + "; set -D" + DIRECTORY_PROPERTY + " to a writable directory", e);
        }
    }

    private static boolean isBindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Where the ephemeral range starts; the default when it is unknown or leaves fewer than 4 blocks below. */
    static int ephemeralStart() {
        try {
            int start = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return start >= LOWEST + 4 * BLOCK_SIZE ? start : DEFAULT_EPHEMERAL_START;
        } catch (IOException | RuntimeException unknown) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
