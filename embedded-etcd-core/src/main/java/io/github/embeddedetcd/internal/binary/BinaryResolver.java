/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.binary;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.EtcdBinaryException;
import io.github.embeddedetcd.EtcdVersion;
import io.github.embeddedetcd.internal.util.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the etcd binary: the configured path ({@code embedded.binary} or the builder), then the
 * {@code ETCD_BINARY} environment variable, then a binaries jar for this platform on the classpath
 * (see {@link BundledBinary}), then {@code PATH}. The version check runs {@code etcd --version}
 * once per binary file and caches the answer.
 */
public final class BinaryResolver {

    private static final Logger LOG = LoggerFactory.getLogger(BinaryResolver.class);

    /** The environment variable naming an etcd binary. */
    public static final String ENV_VARIABLE = "ETCD_BINARY";

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, EtcdVersion> VERSION_CACHE = new ConcurrentHashMap<>();

    private final Map<String, String> environment;
    private final BundledBinary bundled;

    /** A resolver that reads the given environment (use {@code System.getenv()}) and this library's classpath. */
    public BinaryResolver(Map<String, String> environment) {
        this(environment, new BundledBinary(BinaryResolver.class.getClassLoader(), BundledBinary.cacheRoot(environment)));
    }

    public BinaryResolver(Map<String, String> environment, BundledBinary bundled) {
        this.environment = environment;
        this.bundled = bundled;
    }

    /**
     * Resolves and checks the binary.
     *
     * @param configured the explicitly configured path, or null
     * @throws EtcdBinaryException naming every place looked and how to install etcd
     */
    public EtcdBinary resolve(Path configured) {
        List<String> looked = new ArrayList<>();
        Optional<Path> found = configured != null
                ? candidate(configured, "the configured path (embedded.binary)", looked)
                : fromEnvironment(looked).or(() -> fromClasspath(looked)).or(() -> fromPath(looked));
        Path binary = found.orElseThrow(() -> new EtcdBinaryException("No etcd binary found. Looked at:\n"
                + String.join("\n", looked) + "\n" + INSTALL_HINT));
        return new EtcdBinary(binary, checkVersion(binary));
    }

    private static final String INSTALL_HINT = "Add the binaries artifact of this platform (docs/library.md, 'etcd from Maven'), install "
            + "etcd 3.4 or newer (Debian/Ubuntu: sudo apt-get install etcd-server), or point ETCD_BINARY or "
            + "embedded.binary at an etcd executable.";

    private Optional<Path> fromEnvironment(List<String> looked) {
        String value = environment.get(ENV_VARIABLE);
        if (value == null || value.isBlank()) {
            looked.add("  - " + ENV_VARIABLE + ": not set");
            return Optional.empty();
        }
        return candidate(Path.of(value), ENV_VARIABLE, looked);
    }

    /** A bundled binary that cannot be used here (damaged, unwritable cache, too old a glibc) is passed over. */
    private Optional<Path> fromClasspath(List<String> looked) {
        try {
            Optional<Path> found = bundled.path();
            if (found.isEmpty()) {
                looked.add("  - classpath: no " + bundled.artifact() + " jar");
                return found;
            }
            checkVersion(found.get());
            return found;
        } catch (EtcdBinaryException e) {
            LOG.warn("The etcd binary of {} cannot be used here; looking on PATH. {}", bundled.artifact(), e.getMessage());
            looked.add("  - classpath: the binary of the " + bundled.artifact() + " jar cannot be used here: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return Optional.empty();
        }
    }

    private Optional<Path> fromPath(List<String> looked) {
        String path = environment.getOrDefault("PATH", "");
        Optional<Path> found = path.isBlank() ? Optional.empty() : Executables.onPath("etcd", path);
        if (found.isPresent()) {
            return found;
        }
        looked.add("  - PATH: no executable 'etcd' in " + (path.isBlank() ? "(empty PATH)" : path));
        return Optional.empty();
    }

    private static Optional<Path> candidate(Path path, String source, List<String> looked) {
        if (!Files.exists(path)) {
            looked.add("  - " + source + ": " + path + " does not exist");
            return Optional.empty();
        }
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new EtcdBinaryException(source + " " + path + " is not an executable file; fix its permissions "
                    + "(chmod +x) or point " + source + " at the etcd binary.");
        }
        return Optional.of(path);
    }

    private static EtcdVersion checkVersion(Path binary) {
        EtcdVersion version = VERSION_CACHE.computeIfAbsent(cacheKey(binary), k -> askVersion(binary));
        if (!version.isAtLeast(EtcdVersion.MINIMUM)) {
            throw new EtcdBinaryException(binary + " is etcd " + version + ", but embedded-etcd needs "
                    + EtcdVersion.MINIMUM + " or newer (learners exist since 3.4). " + INSTALL_HINT);
        }
        return version;
    }

    private static String cacheKey(Path binary) {
        try {
            Path real = binary.toRealPath();
            FileTime modified = Files.getLastModifiedTime(real);
            return real + "|" + Files.size(real) + "|" + modified.toMillis();
        } catch (IOException e) {
            return binary.toAbsolutePath().toString();
        }
    }

    private static EtcdVersion askVersion(Path binary) {
        Command.Result result;
        try {
            result = Command.run(List.of(binary.toString(), "--version"), VERSION_TIMEOUT);
        } catch (IOException e) {
            throw new EtcdBinaryException("Cannot run " + binary + " --version: " + e.getMessage() + ". " + INSTALL_HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdBinaryException("Interrupted while checking the version of " + binary);
        }
        if (result.timedOut()) {
            throw new EtcdBinaryException(binary + " --version did not answer within " + VERSION_TIMEOUT.toSeconds()
                    + " s; is it really etcd? " + INSTALL_HINT);
        }
        return EtcdVersion.fromVersionOutput(result.output()).orElseThrow(() -> new EtcdBinaryException(binary
                + " --version printed no etcd version (exit code " + result.exitCode() + ", output: "
                + abbreviate(result.output()) + "); is it really etcd? " + INSTALL_HINT));
    }

    private static String abbreviate(String output) {
        return output.length() <= 200 ? output : output.substring(0, 200) + "…";
    }
}
