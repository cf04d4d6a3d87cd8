/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.snapshot;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.TestNodes;
import io.github.embeddedetcd.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snapshots of a real member: complete and checked, or nothing at the final name. */
class SnapshotTest {

    @TempDir
    Path dir;

    private EmbeddedEtcd member;
    private Client client;

    @BeforeEach
    void start() {
        member = EmbeddedEtcd.builder().config(TestNodes.config("n1", dir.resolve("data")).build()).start();
        client = member.client();
    }

    @AfterEach
    void stop() {
        member.close();
    }

    @Test
    void savesTheDatabaseWithEtcdsHashItsExactRevisionAndItsMetadata() throws Exception {
        long lastWrite = 0;
        for (int i = 0; i < 20; i++) {
            lastWrite = put("key-" + i, "value-" + i);
        }
        Path file = dir.resolve("backups/n1.db");

        Snapshot snapshot = member.snapshot(file);

        assertThat(snapshot.revision()).isEqualTo(lastWrite);
        assertThat(snapshot.file()).isEqualTo(file);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(snapshot.sizeBytes()).isEqualTo(bytes.length);
        assertThat(bytes.length % 512).as("a bbolt database followed by its 32-byte SHA-256, as etcdctl saves it")
                .isEqualTo(32);
        assertThat(snapshot.sha256()).isEqualTo(HexFormat.of().formatHex(Arrays.copyOfRange(bytes, bytes.length - 32,
                bytes.length)));
        assertThat(snapshot.member()).isEqualTo("n1");
        assertThat(snapshot.clusterId()).isNotZero();
        assertThat(snapshot.etcdVersion()).startsWith("3.");
        assertThat(snapshot.members()).singleElement().satisfies(m -> assertThat(m.name()).isEqualTo("n1"));
        assertThat(Snapshot.read(file)).isEqualTo(snapshot);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).containsExactlyInAnyOrder(file, Snapshot.metadataFile(file));
        }
    }

    @Test
    void theRevisionCountsADeleteThatCompactionRemoved() throws Exception {
        put("kept", "1");
        put("gone", "2");
        long deleted = client.getKVClient().delete(bytes("gone")).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS)
                .getHeader().getRevision();
        client.getKVClient().compact(deleted).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(member.snapshot(dir.resolve("compacted.db")).revision()).isEqualTo(deleted);
    }

    @Test
    void theAdminTakesItFromTheFirstVoterThatAnswers() throws Exception {
        long lastWrite = put("k", "v");
        URI nobody = URI.create("http://127.0.0.1:" + FreePorts.next());
        EtcdAdmin admin = EtcdAdmin.builder().endpoints(List.of(nobody, member.clientEndpoints().get(0)))
                .requestTimeout(Waits.CALL).build();

        Snapshot snapshot = admin.snapshot(dir.resolve("via-admin.db"));

        assertThat(snapshot.member()).isEqualTo("n1");
        assertThat(snapshot.revision()).isEqualTo(lastWrite);
    }

    @Test
    void aSnapshotThatFailsBeforeItStartsLeavesTheFileAtItsNameAsItWas() throws Exception {
        Path file = dir.resolve("kept.db");
        Files.writeString(file, "an older snapshot");
        EtcdAdmin nobody = EtcdAdmin.builder().endpoints(URI.create("http://127.0.0.1:" + FreePorts.next()))
                .requestTimeout(Waits.CALL).build();

        assertThatThrownBy(() -> nobody.snapshot(file)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("Cannot take a snapshot to " + file).hasMessageContaining("no voting member answered");
        Path notADirectory = dir.resolve("a-file");
        Files.writeString(notADirectory, "");
        assertThatThrownBy(() -> member.snapshot(notADirectory.resolve("snap.db"))).isInstanceOf(SnapshotException.class)
                .hasMessageContaining("Cannot save a snapshot of member 'n1'").hasMessageContaining(notADirectory.toString());
        assertThat(Files.readString(file)).isEqualTo("an older snapshot");
    }

    @Test
    void aSnapshotThatFailsAfterItWasStreamedLeavesNoPartialFile() throws Exception {
        put("k", "v");
        Path inTheWay = Files.createDirectories(dir.resolve("backups/in-the-way.db"));
        Files.writeString(inTheWay.resolve("keep-me"), "a directory where the snapshot would go");

        assertThatThrownBy(() -> member.snapshot(inTheWay)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining(inTheWay.toString()).hasMessageContaining("no snapshot was left there");

        assertThat(inTheWay.resolve("keep-me")).hasContent("a directory where the snapshot would go");
        try (Stream<Path> left = Files.list(inTheWay.getParent())) {
            assertThat(left).containsExactly(inTheWay);
        }
    }

    @Test
    void metadataThatIsMissingIsNamed() {
        Path file = dir.resolve("by-etcdctl.db");
        assertThatThrownBy(() -> Snapshot.read(file)).isInstanceOf(SnapshotException.class)
                .hasMessageContaining(Snapshot.metadataFile(file).toString())
                .hasMessageContaining("a snapshot saved by etcdctl has none");
    }

    private long put(String key, String value) throws Exception {
        return client.getKVClient().put(bytes(key), bytes(value)).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS)
                .getHeader().getRevision();
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
