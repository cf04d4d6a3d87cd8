/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.binary;

import io.github.embeddedetcd.EtcdBinaryException;
import io.github.embeddedetcd.internal.util.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The etcd binary of an {@code embedded-etcd-binaries-<platform>} jar on the classpath (and its
 * {@code etcdutl}), extracted once into a per-user cache keyed by etcd's SHA-256
 * ({@code <cache>/<sha256>/etcd}). Extraction holds
 * a lock file against other JVMs (and this class's lock against other threads), writes a temporary
 * file, checks its hash and renames it into place, so no JVM ever sees half a binary. A JVM checks
 * the hash of an extracted binary again the first time it uses it (and whenever the file changed):
 * a damaged one is extracted anew, with a warning.
 */
public final class BundledBinary {

    /** Overrides where extracted binaries go. */
    public static final String CACHE_VARIABLE = "EMBEDDED_ETCD_CACHE";

    private static final Logger LOG = LoggerFactory.getLogger(BundledBinary.class);
    private static final String RESOURCES = "io/github/embeddedetcd/binaries/";
    /** Extracted files this JVM has checked, with the size and modification time they had then. */
    private static final Map<Path, String> VERIFIED = new ConcurrentHashMap<>();
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(60);
    private static final long LOCK_POLL_MILLIS = 50;

    private final ClassLoader loader;
    private final Path cacheRoot;
    private final String platform;

    public BundledBinary(ClassLoader loader, Path cacheRoot) {
        this(loader, cacheRoot, currentPlatform());
    }

    BundledBinary(ClassLoader loader, Path cacheRoot, String platform) {
        this.loader = loader;
        this.cacheRoot = cacheRoot;
        this.platform = platform;
    }

    /** {@code EMBEDDED_ETCD_CACHE}, else {@code $XDG_CACHE_HOME/embedded-etcd}, else {@code ~/.cache/embedded-etcd}. */
    public static Path cacheRoot(Map<String, String> environment) {
        String configured = environment.get(CACHE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("embedded-etcd");
    }

    /** {@code linux-amd64}, {@code linux-arm64}, or what else this JVM runs on. */
    static String currentPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).replace(" ", "");
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
        return (os.startsWith("linux") ? "linux" : os) + "-" + arch;
    }

    /** The artifact that holds this platform's binary. */
    public String artifact() {
        return "io.github.embeddedetcd:embedded-etcd-binaries-" + platform;
    }

    /**
     * The extracted binary, when a binaries jar for this platform is on the classpath.
     *
     * @throws EtcdBinaryException when the jar is damaged or the cache cannot be written
     */
    public Optional<Path> path() {
        return extracted("etcd");
    }

    /**
     * Another executable of the jar, next to the etcd binary in the cache ({@code etcdutl}),
     * extracted when first asked for, so that etcd's own start never pays for it.
     *
     * @throws EtcdBinaryException when the jar is damaged or the cache cannot be written
     */
    public Optional<Path> tool(String name) {
        return extracted(name);
    }

    private Optional<Path> extracted(String name) {
        URL description = loader.getResource(RESOURCES + platform + "/etcd.properties");
        if (description == null) {
            return Optional.empty();
        }
        Properties properties = properties(description);
        String directory = hash(properties, "binary.sha256", description);
        if (!name.equals("etcd") && properties.getProperty(name + ".sha256") == null) {
            return Optional.empty();
        }
        String sha256 = name.equals("etcd") ? directory : hash(properties, name + ".sha256", description);
        Path target = cacheRoot.resolve(directory).resolve(name);
        if (stamp(target).equals(VERIFIED.get(target)) || isIntact(target, sha256)) {
            return Optional.of(target);
        }
        synchronized (BundledBinary.class) {
            return Optional.of(extract(description, name, sha256, target));
        }
    }

    /**
     * Whether the extracted binary is there, whole and executable; checked without the lock, which a
     * read-only cache could not take (a complete file is renamed into place, never written in place).
     */
    private static boolean isIntact(Path target, String sha256) {
        try {
            if (Files.isRegularFile(target) && Files.isExecutable(target) && sha256(target).equals(sha256)) {
                VERIFIED.put(target, stamp(target));
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private Path extract(URL description, String name, String sha256, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path lockPath = cacheRoot.resolve(sha256 + ".lock");
            try (FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = awaitLock(lockFile, lockPath)) {
                if (isIntact(target, sha256)) {
                    return target;
                }
                if (Files.exists(target)) {
                    LOG.warn("The cached binary {} is damaged (not the SHA-256 {}, or not executable); extracting "
                            + "it again from {}", target, sha256, description);
                }
                Path temp = Files.createTempFile(target.getParent(), name + "-", ".part");
                try {
                    String written = copy(RESOURCES + platform + "/" + name, temp);
                    if (!written.equals(sha256)) {
                        throw new EtcdBinaryException("The binary " + description.toString().replace(
                                "etcd.properties", name) + " has SHA-256 " + written + ", but its etcd.properties says "
                                + sha256 + ": the jar is damaged. Fetch " + artifact() + " again (delete it from "
                                + "~/.m2/repository), or point ETCD_BINARY at an etcd binary.");
                    }
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(temp);
                }
                LOG.info("Extracted the {} binary of {} to {}", name, artifact(), target);
                VERIFIED.put(target, stamp(target));
                return target;
            }
        } catch (IOException e) {
            throw new EtcdBinaryException("Cannot extract " + name + " of " + artifact() + " to " + target.getParent()
                    + ": " + e + ". Set " + CACHE_VARIABLE + " to a writable directory, or point ETCD_BINARY at an "
                    + "etcd binary.");
        }
    }

    /** The lock, once no other JVM (or class loader of this one) holds it; bounded. */
    private static FileLock awaitLock(FileChannel channel, Path lockPath) throws IOException {
        long deadline = System.nanoTime() + LOCK_TIMEOUT.toNanos();
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException heldInThisJvm) {
                // another class loader's copy of this class is extracting: wait as for another JVM
            }
            if (System.nanoTime() > deadline) {
                throw new EtcdBinaryException("Another process has held " + lockPath + " for "
                        + LOCK_TIMEOUT.toSeconds() + " s while extracting etcd. If none is running, delete that file; "
                        + "or set " + CACHE_VARIABLE + " to another directory.");
            }
            try {
                Thread.sleep(LOCK_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EtcdBinaryException("Interrupted while waiting for " + lockPath);
            }
        }
    }

    private static Properties properties(URL description) {
        Properties properties = new Properties();
        try (InputStream in = description.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new EtcdBinaryException("Cannot read " + description + ": " + e);
        }
        return properties;
    }

    private String hash(Properties properties, String key, URL description) {
        String sha256 = properties.getProperty(key, "");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new EtcdBinaryException(description + " has no " + key + " (64 hex digits): the jar of " + artifact()
                    + " is damaged. Fetch it again, or point ETCD_BINARY at an etcd binary.");
        }
        return sha256;
    }

    /** Copies the resource to the file and returns the SHA-256 of what was written. */
    private String copy(String resource, Path file) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = loader.getResourceAsStream(resource);
             OutputStream out = Files.newOutputStream(file)) {
            if (in == null) {
                throw new EtcdBinaryException("The jar of " + artifact() + " has etcd.properties but no " + resource
                        + ": it is damaged. Fetch it again, or point ETCD_BINARY at an etcd binary.");
            }
            new DigestInputStream(in, digest).transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }


    /** Size and modification time: what a change to the file would change. */
    private static String stamp(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return "absent";
        }
    }
}
