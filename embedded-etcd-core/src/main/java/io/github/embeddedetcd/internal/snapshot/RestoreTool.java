/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.EtcdVersion;
import io.github.embeddedetcd.internal.binary.BundledBinary;
import io.github.embeddedetcd.internal.util.Command;
import io.github.embeddedetcd.snapshot.SnapshotException;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * etcd's own restore tool, of the etcd version in use: {@code etcdutl} from 3.5 ({@code etcdctl
 * snapshot restore} is deprecated there), {@code etcdctl} on 3.4. Looked for next to the etcd
 * binary (Debian's packages, the binaries jars), then on {@code PATH}; its minor version must be
 * etcd's.
 */
record RestoreTool(Path path, EtcdVersion version, boolean etcdutl) {

    private static final Pattern VERSION = Pattern.compile("(?:etcdctl|etcdutl) version:\\s*v?(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @throws SnapshotException naming what was looked for and where, and what to install, when there is none
     */
    static RestoreTool forEtcd(EtcdBinary etcd) {
        String name = etcd.version().isAtLeast(new EtcdVersion(3, 5, 0)) ? "etcdutl" : "etcdctl";
        // lazily, in order: the binaries jar's copy is extracted only when none sits next to etcd
        Stream<Supplier<Optional<Path>>> candidates = Stream.concat(Stream.of(
                () -> Optional.of(etcd.path().toAbsolutePath().resolveSibling(name)),
                () -> new BundledBinary(RestoreTool.class.getClassLoader(), BundledBinary.cacheRoot(System.getenv()))
                        .tool(name)), Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> () -> Optional.of(Path.of(dir, name))));
        List<String> seen = new ArrayList<>();
        Optional<RestoreTool> found = candidates.map(Supplier::get).flatMap(Optional::stream)
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .map(candidate -> {
                    Optional<EtcdVersion> version = versionOf(candidate);
                    seen.add(candidate + " (" + version.map(EtcdVersion::toString).orElse("no version") + ")");
                    return version.filter(v -> v.major() == etcd.version().major() && v.minor() == etcd.version().minor())
                            .map(v -> new RestoreTool(candidate, v, name.equals("etcdutl")));
                })
                .flatMap(Optional::stream).findFirst();
        return found.orElseThrow(() -> new SnapshotException("Cannot restore a snapshot: etcd " + etcd.version() + " ("
                + etcd.path() + ") needs " + name + " " + etcd.version().major() + "." + etcd.version().minor()
                + ".x, looked for next to it, in a binaries jar and on PATH" + (seen.isEmpty() ? "" : "; found " + seen)
                + ". " + (name.equals("etcdutl") ? "Debian's etcd-server package of 3.5 has etcdutl next to etcd; "
                + "put it there or on PATH." : "Install Debian's etcd-client package (apt-get install etcd-client), "
                + "or put etcdctl 3.4 on PATH.")));
    }

    private static Optional<EtcdVersion> versionOf(Path tool) {
        try {
            Command.Result result = Command.run(List.of(tool.toString(), "version"), VERSION_TIMEOUT);
            Matcher m = VERSION.matcher(result.output());
            return result.exitCode() == 0 && m.find() ? Optional.of(new EtcdVersion(Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Whether it can raise the revision on restore ({@code --bump-revision}, etcdutl 3.5.10 and newer). */
    boolean bumpsRevisions() {
        return etcdutl && version.isAtLeast(new EtcdVersion(3, 5, 10));
    }

    /** The restore command for these settings; {@code bump} is ignored where it cannot be done. */
    List<String> command(Path snapshot, String name, List<URI> peerUrls, String token, Path dataDir, Path walDir,
                         long bump) {
        String initialCluster = peerUrls.stream().map(url -> name + "=" + url).collect(Collectors.joining(","));
        String advertised = peerUrls.stream().map(URI::toString).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(path.toString(), "snapshot", "restore", snapshot.toString(),
                "--name", name, "--initial-cluster", initialCluster, "--initial-advertise-peer-urls", advertised,
                "--initial-cluster-token", token, "--data-dir", dataDir.toString()));
        if (walDir != null) {
            command.add("--wal-dir");
            command.add(walDir.toString());
        }
        if (bumpsRevisions() && bump > 0) {
            command.addAll(List.of("--bump-revision", Long.toString(bump), "--mark-compacted"));
        }
        return command;
    }

    /**
     * Runs one of this tool's commands within the timeout.
     *
     * @throws IOException saying whether it timed out or with which code it exited, and its last lines
     */
    void run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Command.Result result = Command.run(command, timeout);
        if (result.exitCode() != 0) {
            List<String> lines = result.output().lines().toList();
            throw new IOException((result.timedOut() ? "it did not end within " + timeout.toMillis() + " ms"
                    : "it exited with code " + result.exitCode()) + ": "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
    }
}
