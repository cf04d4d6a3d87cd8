/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.recovery;

import io.github.embeddedetcd.DirectorySnapshot;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.Members;
import io.github.embeddedetcd.TestNodes;
import io.github.embeddedetcd.Waits;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.ForceNewCluster;
import io.github.embeddedetcd.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.github.embeddedetcd.Kv.keys;
import static io.github.embeddedetcd.Kv.localKeys;
import static io.github.embeddedetcd.Kv.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A cluster that lost its majority, reset to its newest survivor, on real etcd 3.4 and 3.5. */
class QuorumRecoveryTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final Members members = new Members();

    private final List<Integer> ports = new ArrayList<>();

    @Test
    void theNewestSurvivorKeepsEveryAcknowledgedWriteAndTheOthersRejoinOnTheirNextStart() throws Exception {
        List<EmbeddedEtcd> old = threeVoters();
        List<String> acknowledged = new ArrayList<>();
        writeAll(old.get(0), "before-", 20, acknowledged);
        old.get(2).close(); // n3 goes first, and misses what follows
        writeAll(old.get(0), "while-n3-away-", 20, acknowledged);
        // a survivor keeps what it had applied: it learns of a commit with the leader's next message,
        // and --force-new-cluster drops the entries after its commit index
        await().atMost(Waits.RECONFIGURATION).untilAsserted(() ->
                assertThat(localKeys(old.get(1).client(), "k/")).containsExactlyInAnyOrderElementsOf(acknowledged));
        EmbeddedEtcd.closeAll(List.of(old.get(0), old.get(1)));

        Survivor n2 = Survivor.examine(dir.resolve("n2"), null);
        Survivor n3 = Survivor.examine(dir.resolve("n3"), null);
        assertThat(n2.member()).isEqualTo("n2");
        assertThat(n3.commitIndex()).isLessThan(n2.commitIndex());
        assertThat(Survivor.newest(List.of(n3, n2))).isEqualTo(n2);
        old.get(0).deleteData(); // n1's host is gone for good

        EmbeddedEtcd reset = members.start(member(1, c -> c.set(Settings.FORCE_NEW_CLUSTER, ForceNewCluster.IF_MAJORITY_LOST)));
        assertThat(reset.members()).extracting(Member::name).containsExactly("n2");
        assertThat(keys(reset.client(), "k/")).containsExactlyInAnyOrderElementsOf(acknowledged);

        URI[] survivor = reset.clientEndpoints().toArray(URI[]::new);
        members.start(member(2, c -> c.joinEndpoints(List.of(survivor)))); // stale data: told it was removed
        members.start(member(0, c -> c.joinEndpoints(List.of(survivor)))); // empty data dir
        await().atMost(Waits.RECONFIGURATION).untilAsserted(() -> assertThat(reset.members())
                .filteredOn(m -> !m.learner()).extracting(Member::name).containsExactlyInAnyOrder("n1", "n2", "n3"));
        assertThat(movedAside("n3")).as("n3's stale data is kept, not deleted").hasSize(1);
        writeAll(reset, "after-", 5, acknowledged);

        reset.close();
        reset.start(); // the setting is still on: the reset ran once, this start is a normal one
        assertThat(reset.members()).hasSize(3);
        assertThat(keys(reset.client(), "k/")).containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    @Test
    void aResetIsRefusedWhileTheOldMajorityAnswersAndNothingChanges() {
        List<EmbeddedEtcd> old = threeVoters();
        old.get(0).close();
        DirectorySnapshot before = DirectorySnapshot.of(dir.resolve("n1"));

        EmbeddedEtcd reset = members.add(member(0, c -> c.set(Settings.FORCE_NEW_CLUSTER, ForceNewCluster.IF_MAJORITY_LOST)).build());
        assertThatThrownBy(reset::start).isInstanceOf(EmbeddedEtcdException.class)
                .hasMessageContaining("Will not reset the cluster of member 'n1'")
                .hasMessageContaining("3 of the cluster's 3 voters are there")
                .hasMessageContaining("a reset would split it in two")
                .hasMessageContaining("Nothing was changed");
        assertThat(DirectorySnapshot.of(dir.resolve("n1"))).isEqualTo(before);
        assertThat(old.get(1).members()).hasSize(3);
    }

    @Test
    void aDataDirWithoutEtcdDataHasNothingToResetAndAnExaminationSaysSo() {
        EmbeddedEtcd empty = members.add(EmbeddedEtcd.builder().config(TestNodes.config("n1", dir.resolve("n1")).build())
                .forceNewCluster().serviceLoaderListeners(false).build());

        assertThatThrownBy(empty::start).isInstanceOf(EmbeddedEtcdException.class)
                .hasMessageContaining("holds no etcd data to keep").hasMessageContaining("Nothing was changed");
        assertThat(dir.resolve("n1/member")).doesNotExist();
        assertThatThrownBy(() -> Survivor.examine(dir.resolve("n1"), null)).isInstanceOf(EmbeddedEtcdException.class)
                .hasMessageContaining("holds no etcd data");
        assertThatThrownBy(() -> Survivor.examine(dir.resolve("gone"), null)).isInstanceOf(EmbeddedEtcdException.class)
                .hasMessageContaining("does not exist");
    }

    /** n1 bootstraps, n2 and n3 join it; each on ports of its own that stay the same across restarts. */
    private List<EmbeddedEtcd> threeVoters() {
        for (int i = 0; i < 6; i++) {
            ports.add(FreePorts.next());
        }
        EmbeddedEtcd n1 = members.start(member(0, c -> c));
        URI[] via = n1.clientEndpoints().toArray(URI[]::new);
        List<EmbeddedEtcd> all = new ArrayList<>(List.of(n1));
        for (int i = 1; i < 3; i++) {
            EmbeddedEtcd joining = members.add(member(i, c -> c).serviceLoaderListeners(false).build());
            all.add(joining.join(via));
        }
        return all;
    }

    private EmbeddedEtcd.Builder member(int index, UnaryOperator<EtcdConfig.Builder> tweak) {
        String name = "n" + (index + 1);
        EtcdConfig.Builder config = TestNodes.config(name, dir.resolve(name), ports.get(2 * index), ports.get(2 * index + 1))
                .joinTimeout(Waits.RECONFIGURATION.multipliedBy(2));
        return EmbeddedEtcd.builder().config(tweak.apply(config).build());
    }

    private static void writeAll(EmbeddedEtcd member, String prefix, int count, List<String> acknowledged)
            throws Exception {
        for (int i = 0; i < count; i++) {
            put(member.client(), "k/" + prefix + i);
            acknowledged.add("k/" + prefix + i);
        }
    }

    private List<Path> movedAside(String name) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(name + ".removed-")).toList();
        }
    }
}
