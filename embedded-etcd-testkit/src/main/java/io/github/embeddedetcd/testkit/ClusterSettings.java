/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.config.EtcdConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A test cluster's settings, fixed when it is built: changing the builder afterwards changes no
 * cluster built from it.
 */
record ClusterSettings(int nodes, String nodeNamePrefix, Network network, String clusterName, boolean fastTimings, int heartbeatMillis,
                       int electionMillis, List<String> extraArgs, List<Consumer<EtcdConfig.Builder>> customizers,
                       Tls tls, boolean auth, Path restoreFrom) {

    /** How the nodes use TLS. */
    enum Tls {
        NONE,
        /** https client and peer URLs, each side authenticating the other. */
        MUTUAL,
        /** jetcd-launcher's: https client URLs with server certificates only, http peer URLs. */
        LAUNCHER
    }

    ClusterSettings {
        extraArgs = List.copyOf(extraArgs);
        customizers = List.copyOf(customizers);
    }

    /**
     * The flags every node gets. With fast timings, etcd's initial election tick advance is off:
     * fast-forwarding eight 10 ms ticks at once made a just-elected leader fail its quorum check and
     * step down, and the proposals it had taken (each member publishing itself) then timed out after
     * 5.2 s — in about 1 of 80 starts. Without it, 149 starts had no such stall and a lower median.
     * The user's extra arguments come after, so they can turn it back on.
     */
    List<String> etcdArgs() {
        List<String> args = new ArrayList<>();
        if (fastTimings) {
            args.add(EtcdTestCluster.NO_INITIAL_TICK_ADVANCE);
        }
        args.addAll(extraArgs);
        return args;
    }
}
