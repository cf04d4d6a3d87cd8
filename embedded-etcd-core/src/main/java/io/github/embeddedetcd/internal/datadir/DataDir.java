/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.internal.util.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A member's etcd data dir, held by this JVM, and the library's own state inside it
 * ({@code <data-dir>/embedded-etcd/}): a lock held while the member runs (the OS releases it if the
 * JVM dies), the pid of the etcd child (so that a crashed run is recognised at the next start),
 * the join record and the tombstone. Every file the library keeps lives here.
 */
public final class DataDir implements AutoCloseable {

    /** Name of the library's directory inside the data dir. */
    public static final String DIR_NAME = "embedded-etcd";

    private static final Logger LOG = LoggerFactory.getLogger(DataDir.class);
    private static final String PID_FILE = "etcd.pid";

    private final Path dataDir;
    private final Path walDir;
    private final Path stateDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDir(Path dataDir, Path walDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.walDir = walDir;
        this.stateDir = dataDir.resolve(DIR_NAME);
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the data dir for this JVM, creating it {@code 0700} when missing. Refuses when another
     * JVM or another member in this JVM holds it, or when an etcd from a crashed run still runs on
     * it; takes over from an etcd that is gone (a zombie waiting for its reaper counts as gone).
     *
     * @param walDir etcd's {@code wal-dir}, or null when the WAL lives in the data dir
     */
    public static DataDir acquire(Path dataDir, Path walDir) {
        Path stateDir = dataDir.resolve(DIR_NAME);
        FileChannel channel = null;
        try {
            createPrivateDirectory(dataDir);
            Files.createDirectories(stateDir);
            channel = FileChannel.open(stateDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new EmbeddedEtcdException("Data dir " + dataDir + " is in use by another process"
                        + recordedPid(stateDir).map(pid -> " (its etcd has pid " + pid + ")").orElse("")
                        + ". Stop that process, or give this member another data-dir.");
            }
            DataDir held = new DataDir(dataDir, walDir, channel, lock);
            held.takeOverFromEarlierEtcd();
            return held;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new EmbeddedEtcdException("Data dir " + dataDir + " is already used by another running member "
                    + "in this JVM. Close that EmbeddedEtcd first, or give this member another data-dir.");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedEtcdException("Cannot prepare data dir " + dataDir + ": " + e
                    + ". Check that the directory is writable by this user.", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Deletes a member's data dir and its {@code wal-dir}, holding the data dir meanwhile so that no
     * other member, in this JVM or another, is using it.
     *
     * @param member the member's name, for the error
     * @throws EmbeddedEtcdException naming the file that could not be deleted
     */
    public static void delete(String member, Path dataDir, Path walDir) {
        try (DataDir held = acquire(dataDir, walDir)) {
            for (Path dir : walDir == null ? List.of(dataDir) : List.of(dataDir, walDir)) {
                FileTrees.delete(dir);
            }
        } catch (IOException e) {
            throw new EmbeddedEtcdException("Cannot delete the data of member '" + member + "' in " + dataDir + ": "
                    + e + ". Check the permissions, or delete it by hand.", e);
        }
    }

    /** Whether etcd has already bootstrapped this member here (a restart, not a new member). */
    public boolean isBootstrapped() {
        Path wal = wal();
        if (!Files.isDirectory(wal)) {
            return false;
        }
        try (Stream<Path> files = Files.list(wal)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".wal"));
        } catch (IOException e) {
            throw new EmbeddedEtcdException("Cannot read WAL directory " + wal + ": " + e
                    + ". Check its permissions.", e);
        }
    }

    /**
     * Releases the data dir and moves it (and a separate WAL dir) aside, so that etcd never starts
     * on a removed member's data again; returns where the data dir went.
     */
    public Path moveAside() {
        close();
        Path moved = RemovedData.moveAside(dataDir);
        if (walDir != null && Files.exists(walDir)) {
            RemovedData.moveAside(walDir);
        }
        return moved;
    }

    /** Records the running etcd child so that a later start can recognise it. */
    public void recordEtcd(ProcessHandle etcd) {
        String started = etcd.info().startInstant().map(Instant::toString).orElse("");
        write(PID_FILE, etcd.pid() + " " + started);
    }

    /** Forgets the etcd child after it stopped. */
    public void clearEtcd() {
        delete(PID_FILE);
    }

    public Path path() {
        return dataDir;
    }

    /** Where etcd keeps its write-ahead log: the {@code wal-dir}, else {@code member/wal} in the data dir. */
    public Path wal() {
        return walDir != null ? walDir : dataDir.resolve("member").resolve("wal");
    }

    Path stateDir() {
        return stateDir;
    }

    /** Releases the lock; the directory and its records stay. Idempotent. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debug("releasing lock of {}: {}", dataDir, e.toString());
        }
        closeQuietly(channel);
    }

    private void takeOverFromEarlierEtcd() {
        Optional<String> record = read(PID_FILE);
        if (record.isEmpty()) {
            return;
        }
        String[] parts = record.get().trim().split(" ", 2);
        Optional<ProcessHandle> live = parsePid(parts[0]).flatMap(ProcessHandle::of)
                .filter(ProcessStates::isRunning)
                .filter(p -> parts.length < 2 || parts[1].isEmpty()
                        || p.info().startInstant().map(Instant::toString).orElse("").equals(parts[1]));
        if (live.isPresent()) {
            close();
            throw new EmbeddedEtcdException("Data dir " + dataDir + " is still used by etcd pid " + live.get().pid()
                    + ", left running by an earlier process that ended without stopping it. Stop it (kill "
                    + live.get().pid() + ") and start again.");
        }
        LOG.info("Taking over data dir {}: the etcd recorded there (pid {}) is no longer running", dataDir, parts[0]);
        clearEtcd();
    }

    /** etcd wants its data dir readable by its user only (0700) and warns otherwise. */
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new EmbeddedEtcdException("Data dir " + dir + " is a file, not a directory. Point data-dir at a "
                    + "directory (it is created when missing), or move the file away.");
        }
        if (!Files.exists(dir)) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static Optional<String> recordedPid(Path stateDir) {
        try {
            return Optional.of(Files.readString(stateDir.resolve(PID_FILE)).trim().split(" ")[0]);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Reads one of the library's record files, if present. */
    Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(stateDir.resolve(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes one of the library's record files atomically. */
    void write(String file, String content) {
        try {
            Path target = stateDir.resolve(file);
            Path tmp = stateDir.resolve(file + ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EmbeddedEtcdException("Cannot write " + stateDir.resolve(file) + ": " + e
                    + ". Check that the data dir is writable by this user.", e);
        }
    }

    void delete(String file) {
        try {
            Files.deleteIfExists(stateDir.resolve(file));
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", stateDir.resolve(file), e.toString());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
