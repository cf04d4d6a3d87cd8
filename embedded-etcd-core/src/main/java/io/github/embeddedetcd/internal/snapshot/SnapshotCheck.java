/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.internal.cluster.EtcdAccess;
import io.github.embeddedetcd.internal.json.Json;
import io.github.embeddedetcd.internal.process.EtcdProcess;
import io.github.embeddedetcd.internal.util.FileTrees;
import io.github.embeddedetcd.snapshot.Snapshot;
import io.github.embeddedetcd.snapshot.SnapshotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Proves a saved snapshot restorable: restores it with etcd's own tool into a temporary directory
 * next to it, starts etcd there alone on free loopback ports (no member of the cluster can reach
 * it), waits until it is healthy, stops it and deletes the directory. A success is recorded next to
 * the snapshot ({@code <file>.checked.json}); the newest proven snapshot is the recovery point.
 */
final class SnapshotCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCheck.class);
    private static final String NAME = "snapshot-check";
    private static final String CHECK_DIR_PREFIX = ".check-";

    private SnapshotCheck() {
    }

    /** Where the proof of the snapshot at {@code file} is kept. */
    static Path recordFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".checked.json");
    }

    /** What a check cut short (a crash, a kill) left: each is as large as a database, and only checks use them. */
    private static void deleteLeftovers(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path left : entries.filter(e -> e.getFileName().toString().startsWith(CHECK_DIR_PREFIX)).toList()) {
                LOG.info("Deleting {}, left by a snapshot check that was cut short", left);
                FileTrees.delete(left);
            }
        }
    }

    static boolean isProven(Path file) {
        return Files.isRegularFile(recordFile(file));
    }

    /**
     * @throws SnapshotException saying why the snapshot could not be restored and started
     */
    static void run(Snapshot snapshot, EtcdBinary binary, EtcdConfig config) {
        Path work = null;
        try {
            Path directory = snapshot.file().toAbsolutePath().getParent();
            deleteLeftovers(directory);
            work = Files.createTempDirectory(directory, CHECK_DIR_PREFIX);
            Path dataDir = work.resolve("data");
            URI peer = URI.create("http://127.0.0.1:" + FreePorts.next());
            URI client = URI.create("http://127.0.0.1:" + FreePorts.next());
            RestoreTool tool = RestoreTool.forEtcd(binary);
            List<String> restore = tool.command(snapshot.file(), NAME, List.of(peer), NAME, dataDir, null, 0);
            try {
                tool.run(restore, config.startTimeout());
            } catch (IOException e) {
                throw new IOException(String.join(" ", restore) + " failed, " + e.getMessage(), e);
            }
            EtcdConfig alone = EtcdConfig.builder().name(NAME).dataDir(dataDir).clientUrl(client).peerUrl(peer)
                    .initialCluster(Map.of(NAME, List.of(peer))).set(Settings.LOG_LEVEL, "warn")
                    .startTimeout(config.startTimeout()).stopTimeout(config.stopTimeout()).build();
            EtcdProcess process = EtcdProcess.launch(binary, alone, ClusterState.EXISTING);
            try {
                process.awaitHealthy(client, config.startTimeout(), EtcdAccess.of(alone));
            } finally {
                process.stop(config.stopTimeout());
            }
            Files.writeString(recordFile(snapshot.file()), Json.write(Json.object()
                    .put("checkedAt", Instant.now().toString()).put("etcdVersion", binary.version().toString())
                    .put("revision", snapshot.revision())));
        } catch (IOException | RuntimeException e) {
            throw new SnapshotException("Snapshot " + snapshot.file() + " did not restore and start in a test: "
                    + e.getMessage() + ". Do not count on it for a restore; docs/backup.md says what the check needs.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("Interrupted while checking snapshot " + snapshot.file(), e);
        } finally {
            if (work != null) {
                try {
                    FileTrees.delete(work);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {} after checking snapshot {}: {}. The next check tries again; or delete "
                            + "it by hand.", work, snapshot.file(), e.toString());
                }
            }
        }
    }
}
