package io.github.embeddedetcd.process;

import io.github.embeddedetcd.EmbeddedEtcdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The library's own state inside an etcd data dir ({@code <data-dir>/embedded-etcd/}): a lock
 * held by the JVM that runs the member (released by the OS if that JVM dies) and the pid of the
 * etcd child, so that a crashed run is detected and handled at the next start.
 */
public final class DataDirState implements AutoCloseable {

    /** Name of the library's directory inside the data dir. */
    public static final String DIR_NAME = "embedded-etcd";

    private static final Logger LOG = LoggerFactory.getLogger(DataDirState.class);

    private final Path dataDir;
    private final Path stateDir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirState(Path dataDir, FileChannel channel, FileLock lock) {
        this.dataDir = dataDir;
        this.stateDir = dataDir.resolve(DIR_NAME);
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the data dir for this JVM. Refuses when another JVM or another member in this JVM
     * holds it, or when an etcd from a crashed run still runs on it; takes over a stale pid file.
     */
    public static DataDirState acquire(Path dataDir) {
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
            DataDirState state = new DataDirState(dataDir, channel, lock);
            state.handleLeftoverEtcd();
            return state;
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

    /** Whether etcd has already bootstrapped this member here (restart, not a new member). */
    public static boolean isBootstrapped(Path dataDir, Path walDir) {
        Path wal = walDir != null ? walDir : dataDir.resolve("member").resolve("wal");
        if (!Files.isDirectory(wal)) {
            return false;
        }
        try (Stream<Path> files = Files.list(wal)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".wal"));
        } catch (IOException e) {
            throw new EmbeddedEtcdException("Cannot read WAL directory " + wal + ": " + e, e);
        }
    }

    /** Records the running etcd child so that a later start can recognise it. */
    public void recordEtcd(ProcessHandle etcd) {
        String started = etcd.info().startInstant().map(Instant::toString).orElse("");
        write("etcd.pid", etcd.pid() + " " + started);
    }

    /** Forgets the etcd child after it stopped. */
    public void clearEtcd() {
        delete("etcd.pid");
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Releases the lock; the directory and its records stay. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("releasing lock of {}: {}", dataDir, e.toString());
        }
        closeQuietly(channel);
    }

    private void handleLeftoverEtcd() {
        Optional<String> record = read("etcd.pid");
        if (record.isEmpty()) {
            return;
        }
        String[] parts = record.get().trim().split(" ", 2);
        Optional<ProcessHandle> live = parsePid(parts[0]).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> parts.length < 2 || p.info().startInstant().map(Instant::toString).orElse("").equals(parts[1]));
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
        if (!Files.exists(dir)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static Optional<String> recordedPid(Path stateDir) {
        try {
            return Optional.of(Files.readString(stateDir.resolve("etcd.pid")).trim().split(" ")[0]);
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
    public Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(stateDir.resolve(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes one of the library's record files atomically. */
    public void write(String file, String content) {
        try {
            Path target = stateDir.resolve(file);
            Path tmp = stateDir.resolve(file + ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EmbeddedEtcdException("Cannot write " + stateDir.resolve(file) + ": " + e, e);
        }
    }

    /** Deletes one of the library's record files. */
    public void delete(String file) {
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
