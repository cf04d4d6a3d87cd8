/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.MemberStatus;
import io.github.embeddedetcd.config.EtcdConfig;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Bare etcd processes with a static initial-cluster: the baseline for cluster figures. */
final class BareCluster implements AutoCloseable {

    private final Path dir;
    private final List<BareEtcd> members = new ArrayList<>();

    private BareCluster(Path dir) {
        this.dir = dir;
    }

    /**
     * Milliseconds to start {@code size} members until all are healthy (picking ports and writing
     * configs included, as the testkit's figures include them); the cluster is ended afterwards.
     */
    static double timedStart(int size) throws Exception {
        long start = System.nanoTime();
        try (BareCluster cluster = start(size)) {
            return Stats.millisSince(start);
        }
    }

    /** Launches {@code size} members at once and returns when all are healthy; on failure, ends what it launched. */
    static BareCluster start(int size) throws Exception {
        BareCluster cluster = new BareCluster(BareEtcd.dataRoot());
        try {
            for (EtcdConfig config : Configs.staticCluster(cluster.dir, size)) {
                cluster.members.add(BareEtcd.launch(config));
            }
            for (BareEtcd member : cluster.members) {
                member.awaitHealthy();
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    List<URI> clientUrls() {
        return members.stream().map(m -> m.config().advertiseClientUrls().get(0)).toList();
    }

    List<BareEtcd> members() {
        return members;
    }

    /** The member that says it leads. */
    BareEtcd leader() {
        Map<URI, MemberStatus> states = EtcdAdmin.builder().endpoints(clientUrls()).requestTimeout(Duration.ofSeconds(2))
                .build().statuses(clientUrls());
        return members.stream().filter(m -> {
            MemberStatus s = states.get(m.config().advertiseClientUrls().get(0));
            return s != null && s.isLeader();
        }).findFirst().orElseThrow(() -> new IllegalStateException("no leader among bare members"));
    }

    @Override
    public void close() throws Exception {
        for (BareEtcd member : members) {
            member.close();
        }
        Configs.deleteTree(dir);
    }
}
