/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.snapshot;

import io.etcd.jetcd.ByteSequence;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.LogCapture;
import io.github.embeddedetcd.Members;
import io.github.embeddedetcd.TestNodes;
import io.github.embeddedetcd.Waits;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Snapshots on a schedule: one member takes each, the directory keeps the newest N, failures are counted. */
class ScheduledSnapshotsTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    /** Enough intervals for several snapshots, however slow a loaded machine saves them. */
    private static final Duration SEVERAL = Waits.RECOVERY.multipliedBy(2);

    @TempDir
    Path dir;

    @RegisterExtension
    final Members members = new Members();

    @Test
    void theDirectoryKeepsExactlyTheNewestNOfTheCluster() throws Exception {
        Path snapshots = dir.resolve("snapshots");
        Files.createDirectories(snapshots);
        Files.writeString(snapshots.resolve("mine.txt"), "not a snapshot: never deleted");
        EmbeddedEtcd member = start("n1", c -> c.set(Settings.SNAPSHOT_DIR, snapshots).set(Settings.SNAPSHOT_RETENTION, 3));
        put(member, "k", "v");

        await().atMost(SEVERAL).until(() -> member.scheduledSnapshots().saved() >= 5);
        member.close();

        List<Snapshot> kept = Snapshot.list(snapshots);
        assertThat(kept).hasSize(3).allSatisfy(s -> assertThat(s.file().getFileName().toString())
                .startsWith("snapshot-").contains("-" + s.clusterIdHex() + "-n1-r" + s.revision() + ".db"));
        assertThat(kept).extracting(s -> s.file().getFileName().toString()).isSorted();
        try (Stream<Path> files = Files.list(snapshots)) {
            // three snapshots, their metadata, the proof of one of them (a new one is checked once the
            // proven one is deleted), and the file that is no snapshot
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertThat(names).hasSize(8).contains("mine.txt");
            assertThat(names).filteredOn(n -> n.endsWith(".checked.json")).hasSize(1);
        }
    }

    @Test
    void theFirstSnapshotSavedIsProvenRestorableByRestoringAndStartingIt() throws Exception {
        Path snapshots = dir.resolve("snapshots");
        EmbeddedEtcd member = start("n1", c -> c.set(Settings.SNAPSHOT_DIR, snapshots));
        put(member, "k", "v");

        await().atMost(SEVERAL).until(() -> member.scheduledSnapshots().newestProven().isPresent());

        ScheduledSnapshots status = member.scheduledSnapshots();
        Snapshot proven = status.newestProven().orElseThrow();
        assertThat(proven.file().resolveSibling(proven.file().getFileName() + ".checked.json")).exists();
        assertThat(status.checkFailures()).isZero();
        assertThat(status.newestProvenAge()).hasValueSatisfying(age -> assertThat(age).isLessThan(SEVERAL));
        try (Stream<Path> files = Files.list(snapshots)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("the check's directory is gone")
                    .noneMatch(name -> name.startsWith(".check-"));
        }
    }

    @Test
    void aSnapshotDirThatCannotBeWrittenIsCountedAndEtcdRunsOn() throws Exception {
        Path notADirectory = dir.resolve("a-file");
        Files.writeString(notADirectory, "");
        EmbeddedEtcd member = start("n1", c -> c.set(Settings.SNAPSHOT_DIR, notADirectory));

        await().atMost(SEVERAL).until(() -> member.scheduledSnapshots().failed() >= 2);

        ScheduledSnapshots status = member.scheduledSnapshots();
        assertThat(status.saved()).isZero();
        assertThat(status.newest()).isEmpty();
        assertThat(status.lastFailure()).hasValueSatisfying(why -> assertThat(why).contains(notADirectory.toString()));
        assertThat(member.isHealthy()).isTrue();
        put(member, "still", "writable");
    }

    /** etcd's restore tool fails (here a stand-in that says why): the check is counted, logged, the snapshot kept. */
    @Test
    void aSnapshotWhoseCheckFailsIsKeptTheFailureCountedAndEtcdRunsOn() throws Exception {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        EtcdBinary real = EtcdBinary.locate();
        Path etcd = Files.copy(real.path(), tools.resolve("etcd"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String tool : List.of("etcdctl", "etcdutl")) {
            Path script = Files.writeString(tools.resolve(tool), """
                    #!/bin/sh
                    if [ "$1" = version ]; then echo "%s version: %s"; exit 0; fi
                    echo "restore: the disk is on fire" >&2
                    exit 3
                    """.formatted(tool, real.version()));
            assertThat(script.toFile().setExecutable(true)).isTrue();
        }
        Path snapshots = dir.resolve("snapshots");
        try (LogCapture log = LogCapture.of("io.github.embeddedetcd.internal.snapshot.SnapshotSchedule")) {
            EmbeddedEtcd member = members.add(EmbeddedEtcd.builder().config(scheduled("n1", c -> c.set(Settings.SNAPSHOT_DIR,
                    snapshots))).binary(etcd).serviceLoaderListeners(false).build()).start();
            put(member, "k", "v");

            await().atMost(SEVERAL).until(() -> member.scheduledSnapshots().checkFailures() >= 2);

            ScheduledSnapshots status = member.scheduledSnapshots();
            assertThat(status.newestProven()).isEmpty();
            assertThat(status.newest()).hasValueSatisfying(s -> assertThat(s.file()).exists());
            assertThat(log.messages()).anyMatch(m -> m.contains("the disk is on fire") && m.contains("The snapshot is kept"));
            assertThat(member.isHealthy()).isTrue();
            put(member, "still", "writable");
        }
    }

    @Test
    void oneMemberTakesEachSnapshotNotEveryMember() throws Exception {
        long started = System.nanoTime();
        EmbeddedEtcd n1 = start("n1", c -> c.set(Settings.SNAPSHOT_DIR, dir.resolve("snapshots-n1")));
        for (String name : List.of("n2", "n3")) {
            EmbeddedEtcd member = EmbeddedEtcd.builder().config(scheduled(name, c -> c.set(Settings.SNAPSHOT_DIR,
                    dir.resolve("snapshots-" + name)))).serviceLoaderListeners(false).build();
            members.add(member);
            member.join(n1.clientEndpoints().toArray(URI[]::new));
        }

        long beforeAllJoined = saved();
        await().atMost(SEVERAL).until(() -> saved() >= beforeAllJoined + 3);

        long intervals = Duration.ofNanos(System.nanoTime() - started).toMillis() / INTERVAL.toMillis();
        assertThat(saved()).as("snapshots saved by all three members in %d intervals", intervals)
                .isLessThanOrEqualTo(intervals + 2);
        // the last ones were taken after both joins returned, with all three members
        Snapshot newest = members.stream().flatMap(m -> m.scheduledSnapshots().newest().stream())
                .max((a, b) -> a.takenAt().compareTo(b.takenAt())).orElseThrow();
        assertThat(newest.members()).hasSize(3);
    }

    private long saved() {
        return members.stream().mapToLong(m -> m.scheduledSnapshots().saved()).sum();
    }

    private EmbeddedEtcd start(String name, UnaryOperator<EtcdConfig.Builder> tweak) {
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(scheduled(name, tweak)).serviceLoaderListeners(false).build();
        members.add(member);
        return member.start();
    }

    private EtcdConfig scheduled(String name, UnaryOperator<EtcdConfig.Builder> tweak) {
        return tweak.apply(TestNodes.config(name, dir.resolve(name)).set(Settings.SNAPSHOT_INTERVAL, INTERVAL)).build();
    }

    private static void put(EmbeddedEtcd member, String key, String value) throws Exception {
        member.client().getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8),
                ByteSequence.from(value, StandardCharsets.UTF_8)).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);
    }
}
