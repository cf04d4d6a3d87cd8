/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.snapshot;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.github.embeddedetcd.DirectorySnapshot;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdVersion;
import io.github.embeddedetcd.Kv;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.Members;
import io.github.embeddedetcd.TestNodes;
import io.github.embeddedetcd.Waits;
import io.github.embeddedetcd.config.EtcdConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static io.github.embeddedetcd.Kv.bytes;
import static io.github.embeddedetcd.Kv.keys;
import static io.github.embeddedetcd.Kv.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A new cluster from a snapshot, with etcd's own restore tool, on real etcd 3.4 and 3.5. */
class RestoreTest {

    private static final EtcdVersion BUMPS_REVISIONS = new EtcdVersion(3, 5, 10);

    @TempDir
    Path dir;

    @RegisterExtension
    final Members members = new Members();

    @Test
    void aRestoredClusterHasEveryWriteUpToTheSnapshotNoneAfterANewIdAndTakesJoins() throws Exception {
        EmbeddedEtcd old = started(EmbeddedEtcd.builder().config(TestNodes.config("old", dir.resolve("old")).build()));
        for (int i = 0; i < 10; i++) {
            put(old.client(), "before-" + i);
        }
        Snapshot snapshot = old.snapshot(dir.resolve("backup.db"));
        long lastOldWrite = 0;
        for (int i = 0; i < 5; i++) {
            lastOldWrite = put(old.client(), "after-" + i);
        }
        old.close();

        EmbeddedEtcd restored = started(EmbeddedEtcd.builder().config(TestNodes.config("new", dir.resolve("new")).build())
                .restore(snapshot.file()));

        Client client = restored.client();
        assertThat(keys(client, "before-")).hasSize(10);
        assertThat(keys(client, "after-")).isEmpty();
        long firstNewWrite = put(client, "on-the-new-cluster");
        if (restored.binary().version().isAtLeast(BUMPS_REVISIONS)) {
            assertThat(firstNewWrite).as("revisions never go backwards for a watcher of the old cluster")
                    .isGreaterThan(lastOldWrite).isGreaterThan(snapshot.revision() + 1_000_000 - 1);
            assertThatThrownBy(() -> client.getKVClient().get(bytes("before-0"), GetOption.builder()
                    .withRevision(snapshot.revision()).build()).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("compacted");
        } else {
            assertThat(firstNewWrite).as("etcd 3.4 cannot raise the revision: it starts again at the snapshot's")
                    .isEqualTo(snapshot.revision() + 1);
        }
        Member self = restored.knownMembers().get(0);
        assertThat(restored.snapshot(dir.resolve("after-restore.db")).clusterId()).isNotEqualTo(snapshot.clusterId());
        assertThat(self.name()).isEqualTo("new");

        EmbeddedEtcd joined = EmbeddedEtcd.builder().config(TestNodes.config("joined", dir.resolve("joined")).build())
                .serviceLoaderListeners(false).build();
        members.add(joined);
        joined.join(restored.clientEndpoints().toArray(URI[]::new));
        assertThat(restored.members()).extracting(Member::name).containsExactlyInAnyOrder("new", "joined");
    }

    /**
     * A writer runs while the snapshot streams: every write acknowledged at or below the snapshot's
     * revision is in the restored cluster, and none above it.
     */
    @Test
    void aSnapshotTakenUnderWritesRestoresExactlyTheWritesUpToItsRevision() throws Exception {
        EmbeddedEtcd old = started(EmbeddedEtcd.builder().config(TestNodes.config("old", dir.resolve("old")).build()));
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; writing.get() && i < 100_000; i++) {
                try {
                    acknowledged.put("w-" + i, put(old.client(), "w-" + i));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        await().atMost(Waits.RECOVERY).until(() -> acknowledged.size() >= 50);
        Snapshot snapshot = old.snapshot(dir.resolve("under-writes.db"));
        await().atMost(Waits.RECOVERY).until(() -> acknowledged.values().stream().anyMatch(r -> r > snapshot.revision()));
        writing.set(false);
        writer.get(Waits.RECOVERY.toMillis(), TimeUnit.MILLISECONDS);
        old.close();

        EmbeddedEtcd restored = started(EmbeddedEtcd.builder().config(TestNodes.config("new", dir.resolve("new")).build())
                .restore(snapshot.file()));

        List<String> expected = acknowledged.entrySet().stream().filter(e -> e.getValue() <= snapshot.revision())
                .map(Map.Entry::getKey).toList();
        assertThat(expected).isNotEmpty().hasSizeLessThan(acknowledged.size());
        assertThat(keys(restored.client(), "w-")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theRestoredDataDirStartsAgainWithTheSameSetting() throws Exception {
        Snapshot snapshot = snapshotWithOneKey();
        EmbeddedEtcd.Builder builder = EmbeddedEtcd.builder().config(TestNodes.config("new", dir.resolve("new")).build())
                .restore(snapshot.file());
        EmbeddedEtcd restored = started(builder);
        put(restored.client(), "written-after-restore");
        restored.close();

        restored.start();

        assertThat(keys(restored.client(), "written-after-restore")).hasSize(1);
    }

    @Test
    void aDamagedOrCutShortSnapshotIsRefusedAndNothingChanges() throws Exception {
        Snapshot snapshot = snapshotWithOneKey();
        byte[] bytes = Files.readAllBytes(snapshot.file());
        Path damaged = dir.resolve("damaged.db");
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(damaged, bytes);
        Path cut = dir.resolve("cut.db");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 100));

        assertRefused(damaged, "is damaged: its database does not match the SHA-256 saved with it");
        assertRefused(cut, "is not a whole snapshot");
    }

    @Test
    void aSnapshotOfANewerEtcdIsRefused() throws Exception {
        Snapshot snapshot = snapshotWithOneKey();
        Path metadata = Snapshot.metadataFile(snapshot.file());
        Files.writeString(metadata, Files.readString(metadata).replace("\"" + snapshot.etcdVersion() + "\"", "\"3.99.0\""),
                StandardOpenOption.TRUNCATE_EXISTING);

        assertRefused(snapshot.file(), "it was taken from etcd 3.99.0, newer than etcd");
    }

    @Test
    void aDataDirWithEtcdDataIsRefusedAndKeptAsItWas() throws Exception {
        Snapshot snapshot = snapshotWithOneKey();
        Path other = dir.resolve("other");
        EmbeddedEtcd.builder().config(TestNodes.config("other", other).build()).start().close();
        DirectorySnapshot before = DirectorySnapshot.of(other);

        EmbeddedEtcd restore = EmbeddedEtcd.builder().config(TestNodes.config("other", other).build())
                .restore(snapshot.file()).build();
        assertThatThrownBy(restore::start).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("data dir " + other + " already holds etcd data").hasMessageContaining("Nothing was changed");
        assertThat(DirectorySnapshot.of(other)).isEqualTo(before);
    }

    /** etcd's own procedure restores every member of a static cluster: here each would make a cluster of its own. */
    @Test
    void aMemberWhoseInitialClusterNamesOthersIsRefused() throws Exception {
        Snapshot snapshot = snapshotWithOneKey();
        assertRefused(snapshot.file(), config -> {
            Map<String, List<URI>> cluster = new LinkedHashMap<>();
            cluster.put(config.name(), config.initialAdvertisePeerUrls());
            cluster.put("n2", List.of(URI.create("http://127.0.0.2:2380")));
            cluster.put("n3", List.of(URI.create("http://127.0.0.3:2380")));
            return config.toBuilder().initialCluster(cluster).build();
        }, "initial-cluster names other members too (n2, n3), but a restore builds a new cluster of this member alone");
    }

    private void assertRefused(Path snapshot, String why) {
        assertRefused(snapshot, UnaryOperator.identity(), why);
    }

    private void assertRefused(Path snapshot, UnaryOperator<EtcdConfig> tweak, String why) {
        Path target = dir.resolve("target-" + snapshot.getFileName());
        EmbeddedEtcd restore = EmbeddedEtcd.builder().config(tweak.apply(TestNodes.config("new", target).build()))
                .restore(snapshot).build();
        assertThatThrownBy(restore::start).isInstanceOf(SnapshotException.class).hasMessageContaining(why)
                .hasMessageContaining("Nothing was changed");
        assertThat(target.resolve("member")).doesNotExist();
    }

    private Snapshot snapshotWithOneKey() throws Exception {
        EmbeddedEtcd old = started(EmbeddedEtcd.builder().config(TestNodes.config("old", dir.resolve("old")).build()));
        put(old.client(), "kept");
        Snapshot snapshot = old.snapshot(dir.resolve("one-key.db"));
        old.close();
        return snapshot;
    }

    private EmbeddedEtcd started(EmbeddedEtcd.Builder builder) {
        return members.start(builder);
    }
}
