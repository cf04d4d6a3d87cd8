/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.datadir;

import io.github.embeddedetcd.EmbeddedEtcdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DataDirTest {

    @TempDir
    Path dir;

    @Test
    void aNewDataDirIsPrivateToItsUser() throws Exception {
        try (DataDir ignored = DataDir.acquire(dir.resolve("data"), null)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data"))))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aRecordEditedByHandIntoAMissingFieldIsNamedWithWhatDeletingItDoes() {
        try (DataDir data = DataDir.acquire(dir.resolve("data"), null)) {
            data.write("member.json", "{\"memberId\": \"8e9e05c52164694d\", \"clusterId\": \"cdf818194e3a8c32\"}");

            assertThatThrownBy(() -> MemberIdentity.load(data))
                    .isInstanceOf(EmbeddedEtcdException.class)
                    .hasMessageContaining("Cannot read " + dir.resolve("data/embedded-etcd/member.json")
                            + ": 'name' is missing or not text")
                    .hasMessageContaining("restore it, or delete it: the member then starts without checking");
        }
    }

    /** An etcd left running by a crashed JVM still holds the data dir. */
    @Test
    void anEtcdThatStillRunsKeepsItsDataDir() throws Exception {
        Process running = new ProcessBuilder("sleep", "30").start();
        try {
            record(running.toHandle());

            assertThatThrownBy(() -> DataDir.acquire(dir.resolve("data"), null))
                    .isInstanceOf(EmbeddedEtcdException.class)
                    .hasMessageContaining("is still used by etcd pid " + running.pid())
                    .hasMessageContaining("kill " + running.pid());
        } finally {
            running.destroyForcibly().waitFor();
        }
    }

    /**
     * A killed etcd whose parent died waits for pid 1 to reap it; until then it is a zombie that
     * ProcessHandle reports alive. It holds nothing any more, so its data dir is free.
     */
    @Test
    void aZombieEtcdDoesNotKeepItsDataDir() throws Exception {
        // the shell starts a short-lived child, prints its pid, then becomes a sleep that never reaps it
        Process parent = new ProcessBuilder("sh", "-c", "sleep 1 & echo $!; exec sleep 30").start();
        try {
            long childPid = Long.parseLong(new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8)).readLine().trim());
            ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
            record(child);
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessStates.isZombie(childPid));
            assertThat(child.isAlive()).as("a zombie looks alive to ProcessHandle").isTrue();

            try (DataDir taken = DataDir.acquire(dir.resolve("data"), null)) {
                assertThat(taken.read("etcd.pid")).isEmpty();
            }
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void aRecordOfAProcessThatIsGoneIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        ProcessHandle handle = gone.toHandle();
        gone.waitFor();
        record(handle);

        try (DataDir taken = DataDir.acquire(dir.resolve("data"), null)) {
            assertThat(taken.read("etcd.pid")).isEmpty();
        }
    }

    private void record(ProcessHandle etcd) {
        try (DataDir earlier = DataDir.acquire(dir.resolve("data"), null)) {
            earlier.recordEtcd(etcd);
        }
    }
}
