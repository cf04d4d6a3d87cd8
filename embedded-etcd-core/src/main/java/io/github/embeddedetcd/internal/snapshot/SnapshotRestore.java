/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.EtcdVersion;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.internal.datadir.DataDir;
import io.github.embeddedetcd.internal.datadir.RestoreRecord;
import io.github.embeddedetcd.internal.util.FileTrees;
import io.github.embeddedetcd.snapshot.Snapshot;
import io.github.embeddedetcd.snapshot.SnapshotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds a new one-member cluster from a snapshot ({@code embedded.restore-from}) in an empty data
 * dir, with etcd's own restore tool, before etcd starts there. Everything is checked first — the
 * snapshot's hash and database, its etcd version against the binary's, the data dir — and a
 * refusal changes nothing. The cluster gets a new id (a token of its own), so members of the old
 * cluster cannot join it by mistake. On 3.5 the revision is raised past any the old cluster can
 * have reached and marked compacted, so a watcher never sees revisions go backwards.
 */
public final class SnapshotRestore {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRestore.class);
    /** The least the revision is raised by; more when the snapshots show a faster write rate. */
    static final long MINIMUM_BUMP = 1_000_000;
    private static final String WORK_DIR = "restoring";

    private SnapshotRestore() {
    }

    /**
     * Restores into the data dir when the config names a snapshot and the data dir holds no etcd data;
     * does nothing when it was restored from the same snapshot before.
     *
     * @throws SnapshotException saying why the restore is refused or failed; the data dir is as it was
     */
    public static void prepare(EtcdConfig config, EtcdBinary binary, DataDir dataDir) {
        Path file = config.get(Settings.RESTORE_FROM);
        if (file == null) {
            return;
        }
        SnapshotIntegrity.Checked checked;
        try {
            checked = SnapshotIntegrity.check(file);
        } catch (IOException e) {
            throw refused(file, config, e.getMessage() + ". Restore from another snapshot");
        }
        if (dataDir.isBootstrapped()) {
            Optional<RestoreRecord> before = RestoreRecord.load(dataDir);
            if (before.filter(r -> r.sha256().equals(checked.sha256())).isPresent()) {
                LOG.info("Data dir {} was restored from {} before; starting on it", config.dataDir(), file);
                return;
            }
            throw refused(file, config, "data dir " + config.dataDir() + " already holds etcd data"
                    + before.map(r -> " restored from " + r.snapshot()).orElse("") + ". A restore builds a new "
                    + "cluster in an empty data dir: move it aside (its data is kept), or remove embedded.restore-from "
                    + "to start on it");
        }
        requireAlone(file, config);
        Optional<Snapshot> described = metadata(file);
        described.ifPresent(snapshot -> requireVersion(snapshot, binary, file, config));
        Path walDir = config.walDir();
        if (walDir != null && !isEmpty(walDir)) {
            throw refused(file, config, "WAL dir " + walDir + " is not empty. Move it aside, or give an empty one");
        }
        RestoreTool tool = RestoreTool.forEtcd(binary);
        long bump = tool.bumpsRevisions() ? bump(file, described) : 0;
        run(tool, file, config, dataDir, walDir, checked, bump);
    }

    private static void run(RestoreTool tool, Path file, EtcdConfig config, DataDir dataDir, Path walDir,
                            SnapshotIntegrity.Checked checked, long bump) {
        Path work = dataDir.path().resolve(DataDir.DIR_NAME).resolve(WORK_DIR);
        String token = config.initialClusterToken() + "-restored-" + checked.sha256().substring(0, 12);
        List<String> command = tool.command(file, config.name(), config.initialAdvertisePeerUrls(), token, work, walDir,
                bump);
        try {
            FileTrees.delete(work);
            tool.run(command, config.startTimeout());
            Files.move(work.resolve("member"), dataDir.path().resolve("member"), StandardCopyOption.ATOMIC_MOVE);
            FileTrees.delete(work);
        } catch (IOException e) {
            cleanUp(work, walDir);
            throw new SnapshotException("Cannot restore " + file + " into " + config.dataDir() + ": "
                    + String.join(" ", command) + " failed, " + e.getMessage() + ". The data dir is as it was.", e);
        } catch (InterruptedException e) {
            cleanUp(work, walDir);
            Thread.currentThread().interrupt();
            throw new SnapshotException("Interrupted while restoring " + file + "; the data dir is as it was", e);
        }
        new RestoreRecord(file.toAbsolutePath().toString(), checked.sha256(), checked.revision(), bump,
                Instant.now().toString()).save(dataDir);
        if (bump > 0) {
            LOG.info("Restored {} (revision {}) into {} as a new cluster: revision raised by {} and compacted, so "
                    + "watchers of the old cluster are told to re-list rather than miss writes", file, checked.revision(),
                    config.dataDir(), bump);
        } else {
            LOG.warn("Restored {} into {} as a new cluster with {} {}, which cannot raise the revision: it starts "
                    + "at revision {} again, and a watcher that resumes at a later revision of the old cluster misses "
                    + "writes without an error. Restart such watchers (re-list informer-style caches) after a restore.",
                    file, config.dataDir(), tool.path().getFileName(), tool.version(), checked.revision());
        }
    }

    private static Optional<Snapshot> metadata(Path file) {
        if (!Files.isRegularFile(Snapshot.metadataFile(file))) {
            return Optional.empty();
        }
        return Optional.of(SnapshotFiles.read(file));
    }

    /**
     * A restore builds a cluster of this member alone: with initial-cluster naming others, each of
     * them restoring too would make as many separate clusters, each taking writes. (etcd's own
     * procedure restores every member with the whole initial-cluster, but on 3.5 each member would
     * raise the revision by an amount of its own, and their databases would differ.)
     */
    private static void requireAlone(Path file, EtcdConfig config) {
        List<String> others = config.initialCluster().keySet().stream().filter(n -> !n.equals(config.name())).toList();
        if (!others.isEmpty()) {
            throw refused(file, config, "initial-cluster names other members too (" + String.join(", ", others)
                    + "), but a restore builds a new cluster of this member alone, and each of them restoring as well "
                    + "would make a cluster of its own. Restore on one member, with initial-cluster naming only it, "
                    + "and start the others with embedded.join-endpoints naming it");
        }
    }

    private static void requireVersion(Snapshot snapshot, EtcdBinary binary, Path file, EtcdConfig config) {
        String[] parts = snapshot.etcdVersion().split("\\.");
        if (parts.length < 2) {
            return;
        }
        EtcdVersion taken = new EtcdVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), 0);
        EtcdVersion running = new EtcdVersion(binary.version().major(), binary.version().minor(), 0);
        if (taken.compareTo(running) > 0) {
            throw refused(file, config, "it was taken from etcd " + snapshot.etcdVersion() + ", newer than etcd "
                    + binary.version() + " (" + binary.path() + "), which cannot read a newer minor version's data. "
                    + "Restore it with etcd " + parts[0] + "." + parts[1] + " or newer");
        }
    }

    /**
     * How far to raise the revision: twice the revisions the old cluster can have written since the
     * snapshot, at the fastest rate its snapshots in the same directory show, and at least
     * {@value #MINIMUM_BUMP}.
     */
    static long bump(Path file, Optional<Snapshot> described) {
        if (described.isEmpty()) {
            return MINIMUM_BUMP;
        }
        Snapshot snapshot = described.get();
        List<Snapshot> series = SnapshotFiles.list(file.toAbsolutePath().getParent()).stream()
                .filter(s -> s.clusterId() == snapshot.clusterId()).toList();
        double perSecond = 0;
        for (int i = 1; i < series.size(); i++) {
            double seconds = Duration.between(series.get(i - 1).takenAt(), series.get(i).takenAt()).toMillis() / 1000.0;
            if (seconds > 0) {
                perSecond = Math.max(perSecond, (series.get(i).revision() - series.get(i - 1).revision()) / seconds);
            }
        }
        double since = Math.max(0, Duration.between(snapshot.takenAt(), Instant.now()).toSeconds());
        return Math.max(MINIMUM_BUMP, (long) Math.ceil(2 * perSecond * since));
    }

    private static SnapshotException refused(Path file, EtcdConfig config, String why) {
        return new SnapshotException("Will not restore " + file + " for member '" + config.name() + "': " + why
                + ". Nothing was changed.");
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes what the tool wrote: the work dir, and the WAL dir's contents (it was empty or absent before). */
    private static void cleanUp(Path work, Path walDir) {
        try {
            FileTrees.delete(work);
            if (walDir != null && Files.isDirectory(walDir)) {
                try (Stream<Path> written = Files.list(walDir)) {
                    for (Path entry : written.toList()) {
                        FileTrees.delete(entry);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove what the failed restore left in {}: {}", work, e.toString());
        }
    }
}
