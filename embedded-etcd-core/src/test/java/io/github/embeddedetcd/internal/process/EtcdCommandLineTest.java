/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.EtcdVersion;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.EtcdConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line, and the keys an etcd of the binary's version does not know. */
class EtcdCommandLineTest {

    private static final EtcdBinary ETCD_3_4 = new EtcdBinary(Path.of("/usr/bin/etcd"), new EtcdVersion(3, 4, 23));
    private static final EtcdBinary ETCD_3_5 = new EtcdBinary(Path.of("/opt/etcd"), new EtcdVersion(3, 5, 16));

    @Test
    void aKeyOnlyANewerEtcdKnowsIsRefusedBeforeEtcdStarts() {
        EtcdConfig config = EtcdConfig.builder().name("n1").setText("unsafe-no-fsync", List.of("true")).build();

        assertThatThrownBy(() -> EtcdCommandLine.of(ETCD_3_4, config, ClusterState.NEW))
                .hasMessage("'unsafe-no-fsync': etcd 3.4.23 (/usr/bin/etcd) does not know this key: it needs etcd 3.5 "
                        + "or later; remove it, or run an etcd that knows it");
        assertThat(EtcdCommandLine.of(ETCD_3_5, config, ClusterState.NEW)).contains("--unsafe-no-fsync=true");
    }

    @Test
    void aKeyANewerEtcdDroppedIsRefusedThere() {
        EtcdConfig config = EtcdConfig.builder().name("n1")
                .setText("experimental-backend-bbolt-freelist-type", List.of("map")).build();

        assertThatThrownBy(() -> EtcdCommandLine.of(ETCD_3_5, config, ClusterState.NEW))
                .hasMessageContaining("it needs etcd 3.4 up to 3.5 (not included)");
    }

    @Test
    void theCommandPrefixComesFirst() {
        EtcdConfig config = EtcdConfig.builder().name("n1").commandPrefix(List.of("nice", "-n", "5")).build();

        assertThat(EtcdCommandLine.of(ETCD_3_4, config, ClusterState.EXISTING))
                .startsWith("nice", "-n", "5", "/usr/bin/etcd").contains("--initial-cluster-state=existing");
    }
}
