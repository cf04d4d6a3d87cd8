/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.membership;

import io.github.embeddedetcd.LocalCluster;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.Member;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member that joins at once after the first member of a new cluster started must not fail: etcd
 * refuses to start a joining member while the running members' cluster version is not decided yet.
 */
class JoinRightAfterBootstrapTest {

    @TempDir
    Path dir;

    @RepeatedTest(30)
    void aJoinRightAfterTheFirstStartSucceeds() {
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            EmbeddedEtcd n1 = cluster.member("n1", 1).start();
            EmbeddedEtcd n2 = cluster.member("n2", 2).join(LocalCluster.endpoints(n1));

            assertThat(n2.members()).extracting(Member::name).containsExactlyInAnyOrder("n1", "n2");
        }
    }
}
