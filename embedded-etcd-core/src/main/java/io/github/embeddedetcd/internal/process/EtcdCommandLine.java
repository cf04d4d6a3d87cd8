/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.EtcdConfig;

import java.util.ArrayList;
import java.util.List;

/** The command that runs etcd for a config: the command prefix, the binary, then the config's flags. */
final class EtcdCommandLine {

    private EtcdCommandLine() {
    }

    /**
     * @param state {@code initial-cluster-state} to pass; {@link ClusterState#EXISTING} for a
     *              bootstrapped data dir, whatever the config says
     */
    static List<String> of(EtcdBinary binary, EtcdConfig config, ClusterState state) {
        List<String> command = new ArrayList<>(config.commandPrefix());
        command.add(binary.path().toString());
        command.addAll(config.etcdFlags(state));
        return List.copyOf(command);
    }
}
