/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import com.sun.net.httpserver.HttpServer;
import io.etcd.jetcd.ByteSequence;
import io.github.embeddedetcd.config.ConfigException;
import io.github.embeddedetcd.config.EtcdConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The library's side of the bad-input catalogue (docs/reliability.md): each bad input fails at once
 * with one message that says what is wrong and what to do, and leaves the data dir as it was.
 */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void aConfigFileHoldingAListInsteadOfSettings() throws IOException {
        Path file = Files.writeString(dir.resolve("list.yaml"), "- name: node-1\n");

        assertUntouched(dir, () -> assertThatThrownBy(() -> EmbeddedEtcd.builder().config(file).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1: the file must be a YAML mapping of keys to values (name: node-1), found a list"));
    }

    @Test
    void aPortBeyond65535() throws IOException {
        Path file = Files.writeString(dir.resolve("port.yaml"), "name: n\nlisten-client-urls: http://127.0.0.1:99999\n");

        assertThatThrownBy(() -> EmbeddedEtcd.builder().config(file).build()).isInstanceOf(ConfigException.class)
                .hasMessage(file + ":2: 'listen-client-urls': 'http://127.0.0.1:99999' has port 99999, but ports go "
                        + "from 1 to 65535; etcd's usual ones are 2379 (clients) and 2380 (peers)");
    }

    @Test
    void aNameThatEtcdCannotTake() {
        assertThatThrownBy(() -> EtcdConfig.builder().name("node=1").build()).isInstanceOf(ConfigException.class)
                .hasMessage("'name': must be non-empty and contain no ',' or '=', got 'node=1'");
    }

    @Test
    void aConfigPathThatIsADirectory() {
        assertThatThrownBy(() -> EmbeddedEtcd.builder().config(dir).build()).isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": is a directory; pass the path of a YAML config file");
    }

    @Test
    void aDataDirThatIsAFile() throws IOException {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("n", file)).build();

        assertUntouched(dir, () -> assertThatThrownBy(member::start).isInstanceOf(EmbeddedEtcdException.class)
                .hasMessage("Data dir " + file + " is a file, not a directory. Point data-dir at a directory (it is "
                        + "created when missing), or move the file away."));
    }

    /** Root may write anywhere on disk, so the place must be one nobody can write: /proc. */
    @Test
    void aDataDirWhereNothingCanBeWritten() {
        Path nowhere = Path.of("/proc/embedded-etcd-test/data");
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("n", nowhere)).build();

        assertThatThrownBy(member::start).isInstanceOf(EmbeddedEtcdException.class)
                .hasMessageStartingWith("Cannot prepare data dir " + nowhere)
                .hasMessageEndingWith("Check that the directory is writable by this user.");
    }

    @Test
    void aDataDirHoldingAnotherMembersData() {
        Path data = dir.resolve("data");
        EmbeddedEtcd.builder().config(config("n1", data)).start().close();
        DirectorySnapshot before = DirectorySnapshot.of(data);

        EmbeddedEtcd impostor = EmbeddedEtcd.builder().config(config("n2", data)).build();

        assertThatThrownBy(impostor::start).isInstanceOf(EmbeddedEtcdException.class)
                .hasMessageContaining("Data dir " + data.toAbsolutePath() + " holds the data of member 'n1'")
                .hasMessageContaining("not of 'n2' as this config names it")
                .hasMessageContaining("give 'n2' a data-dir of its own");
        assertThat(DirectorySnapshot.of(data)).isEqualTo(before);
    }

    @Test
    void aDamagedWriteAheadLog() throws Exception {
        Path data = dir.resolve("data");
        try (EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("n1", data)).start()) {
            for (int i = 0; i < 20; i++) {
                member.client().getKVClient().put(ByteSequence.from("k" + i, StandardCharsets.UTF_8),
                        ByteSequence.from("v", StandardCharsets.UTF_8)).get();
            }
        }
        try (Stream<Path> wal = Files.list(data.resolve("member/wal"))) {
            damageTheLastRecord(wal.filter(p -> p.toString().endsWith(".wal")).findFirst().orElseThrow());
        }
        DirectorySnapshot before = DirectorySnapshot.of(data);

        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("n1", data)).build();

        assertThatThrownBy(member::start).isInstanceOf(EtcdStartException.class)
                .hasMessageContaining("etcd member 'n1' exited with code 1 before it became ready.")
                .hasMessageContaining("etcd found its write-ahead log damaged and left the data dir as it is")
                .hasMessageContaining("crc mismatch");
        assertThat(DirectorySnapshot.of(data).entries()).containsAllEntriesOf(walAndLayout(before));
    }

    @Test
    void joiningWithAMemberThatAlreadyRuns() {
        try (EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("n1", dir.resolve("n1"))).start()) {
            assertThatThrownBy(() -> member.join(member.clientEndpoints().toArray(URI[]::new)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("etcd member 'n1' is already running");
        }
    }

    @Test
    void removingTheOnlyMember() {
        try (EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("n1", dir.resolve("n1"))).start()) {
            assertThatThrownBy(() -> member.remove("n1")).isInstanceOf(QuorumRefusedException.class)
                    .hasMessageContaining("Cannot remove n1[")
                    .hasMessageContaining("it is the only voting member of its cluster")
                    .hasMessageContaining("stop the member (close()) and delete its data dir");
            assertThat(member.isRunning()).isTrue();
            assertThat(member.members()).hasSize(1);
        }
    }

    /** etcd answers "can only promote a learner member"; the member votes already, which is what was asked. */
    @Test
    void promotingAMemberThatAlreadyVotesIsDone() {
        try (EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("n1", dir.resolve("n1"))).start()) {
            member.promote("n1");

            assertThat(member.members()).singleElement().satisfies(m -> assertThat(m.learner()).isFalse());
        }
    }

    @Test
    void anEndpointWhereNothingListens() {
        URI nobody = URI.create("http://127.0.0.74:" + FreePorts.next());

        assertThatThrownBy(() -> EtcdAdmin.connect(nobody).members()).isInstanceOf(EmbeddedEtcdException.class)
                .hasMessage("list members via " + nobody + " failed: connection refused at 127.0.0.74:"
                        + nobody.getPort() + "; is an etcd member running there?");
    }

    /** A peer that accepts connections but never answers: slow, hung, or frozen. */
    @Test
    void anEndpointThatNeverAnswers() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            EtcdAdmin admin = EtcdAdmin.builder().endpoints(url).requestTimeout(Duration.ofMillis(300)).build();

            assertThatThrownBy(admin::members).isInstanceOf(EmbeddedEtcdException.class)
                    .hasMessage("list members via " + url + " failed: no answer from 127.0.0.1:" + silent.getLocalPort()
                            + " within 300 ms; is it the client URL (port 2379 by default) of a running, healthy etcd "
                            + "member?");
        }
    }

    @Test
    void anEndpointThatIsNotEtcd() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>not found</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + other.getAddress().getPort());

            assertThatThrownBy(() -> EtcdAdmin.connect(url).members()).isInstanceOf(EmbeddedEtcdException.class)
                    .hasMessage("list members via " + url + " failed: 127.0.0.1:" + url.getPort() + " answered HTTP 404, "
                            + "but not the way etcd does; is " + url + " an etcd client URL (port 2379 by default), not "
                            + "a peer URL or another service?");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void joiningThroughAnEndpointWhereNothingListens() {
        URI nobody = URI.create("http://127.0.0.1:" + FreePorts.next());
        Path data = dir.resolve("joiner");
        EmbeddedEtcd member = EmbeddedEtcd.builder()
                .config(TestNodes.config("joiner", data).joinTimeout(Duration.ofSeconds(1)).build()).build();

        assertThatThrownBy(() -> member.join(nobody)).isInstanceOf(JoinTimeoutException.class)
                .hasMessageContaining("Could not join member 'joiner' via [" + nobody + "] within 1000 ms")
                .hasMessageContaining("no member answered. Check that [" + nobody + "] are client URLs")
                .hasMessageContaining("connection refused at 127.0.0.1:" + nobody.getPort());
        assertThat(data.resolve("member")).doesNotExist();
    }

    private EtcdConfig config(String name, Path dataDir) {
        return TestNodes.config(name, dataDir).build();
    }

    private static void assertUntouched(Path root, Runnable failingCall) {
        DirectorySnapshot before = DirectorySnapshot.of(root);
        failingCall.run();
        assertThat(DirectorySnapshot.of(root)).isEqualTo(before);
    }

    /**
     * The damaged WAL and every file's place. Left out: the library's lock and records, which a
     * start refreshes, and bbolt's db, whose meta page etcd itself rewrites when it opens it (before
     * it reads the WAL).
     */
    private static Map<String, String> walAndLayout(DirectorySnapshot snapshot) {
        Map<String, String> kept = new TreeMap<>(snapshot.entries());
        kept.keySet().removeIf(path -> path.startsWith("embedded-etcd") || path.equals("member/snap/db"));
        return kept;
    }

    /**
     * Flips one byte in the data of the last record written (etcd preallocates WAL files with zeros:
     * the records are what comes before them), as a bad disk would: its CRC no longer matches.
     */
    private static void damageTheLastRecord(Path wal) throws IOException {
        byte[] content = Files.readAllBytes(wal);
        int written = content.length;
        while (written > 0 && content[written - 1] == 0) {
            written--;
        }
        try (RandomAccessFile raf = new RandomAccessFile(wal.toFile(), "rw")) {
            raf.seek(written - 1);
            raf.write(~content[written - 1]);
        }
    }
}
