/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.cluster.MemberAddResponse;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.snapshot.Snapshot;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A 3-member cluster from a snapshot, from the command to three voters and an acknowledged write.
 * Library: {@code restore(snapshot).start()} on one member, {@code join} on the two others. Against
 * (a) etcd's documented procedure, the restore tool on every member with the whole initial-cluster
 * and three bare starts at once, and (b) the library's steps done by hand: the restore tool and a
 * bare start of one member, then for each other member {@code member add --learner}, a bare start
 * and {@code member promote}, each retried while etcd refuses it for a moment.
 */
final class RestoreBenchmark {

    private static final int SIZE = 3;
    private static final long BUMP = 1_000_000;
    private static final long RETRY_MILLIS = 10;
    private static final long RETRY_FOR_MILLIS = 60_000;
    /** etcd's refusals of a membership change that pass: its 5 s rule, a learner still catching up. */
    private static final List<String> MOMENTARY = List.of("unhealthy cluster", "in sync with leader");

    private final int runs;
    private final int dataMb;

    RestoreBenchmark(int runs, int dataMb) {
        this.runs = runs;
        this.dataMb = dataMb;
    }

    List<Comparison> run() throws Exception {
        Comparison againstStatic = new Comparison("restore + start of 3 members (" + dataMb + " MB): library vs "
                + "restore tool on each + static bare starts", "≤ 1.20×");
        Comparison byHand = new Comparison("restore + start of 3 members (" + dataMb + " MB): library vs the "
                + "same steps by hand (restore one, add/start/promote the others)", "≤ 1.20×");
        Path dir = BareEtcd.dataRoot();
        try {
            Path snapshot = snapshotOf(dir);
            Comparison.withWarmUp(runs, (round, counted) -> {
                Path work = dir.resolve("round-" + round);
                double library = Settle.after(library(snapshot, Configs.staticCluster(work.resolve("lib"), SIZE)));
                double bare = Settle.after(bareStatic(snapshot, Configs.staticCluster(work.resolve("bare"), SIZE)));
                double hand = Settle.after(byHand(snapshot, Configs.staticCluster(work.resolve("hand"), SIZE)));
                Configs.deleteTree(work);
                if (counted) {
                    againstStatic.add(library, bare);
                    byHand.add(library, hand);
                }
            });
        } finally {
            Configs.deleteTree(dir);
        }
        return List.of(againstStatic, byHand);
    }

    private Path snapshotOf(Path dir) throws Exception {
        Path file = dir.resolve("backup.db");
        try (EmbeddedEtcd member = EmbeddedEtcd.builder().config(Configs.member("old", dir).build()).build().start()) {
            PromotionBenchmark.load(member.client().getKVClient(), dataMb);
            member.snapshot(file);
        }
        return file;
    }

    private static double library(Path snapshot, List<EtcdConfig> cluster) throws Exception {
        List<EmbeddedEtcd> members = new ArrayList<>();
        long start = System.nanoTime();
        try {
            members.add(EmbeddedEtcd.builder().config(alone(cluster.get(0))).restore(snapshot).build().start());
            URI[] via = members.get(0).clientEndpoints().toArray(URI[]::new);
            for (EtcdConfig config : cluster.subList(1, SIZE)) {
                members.add(EmbeddedEtcd.builder().config(alone(config)).build());
                members.get(members.size() - 1).join(via);
            }
            awaitVoters(members.get(0).clientEndpoints().get(0));
            RecoveryBenchmark.put(members.get(0).client(), "after-the-restore");
            return Stats.millisSince(start);
        } finally {
            EmbeddedEtcd.closeAll(members);
        }
    }

    private static double bareStatic(Path snapshot, List<EtcdConfig> cluster) throws Exception {
        List<BareEtcd> members = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (EtcdConfig config : cluster) {
                restore(snapshot, config, config.initialClusterFlag());
            }
            for (EtcdConfig config : cluster) {
                members.add(BareEtcd.launch(config, ClusterState.NEW));
            }
            for (BareEtcd member : members) {
                member.awaitHealthy();
            }
            try (Client client = EtcdAdmin.connect(cluster.get(0).advertiseClientUrls()).newClient()) {
                RecoveryBenchmark.put(client, "after-the-restore");
            }
            return Stats.millisSince(start);
        } finally {
            for (BareEtcd member : members) {
                member.close();
            }
        }
    }

    private static double byHand(Path snapshot, List<EtcdConfig> cluster) throws Exception {
        List<BareEtcd> members = new ArrayList<>();
        long start = System.nanoTime();
        EtcdConfig first = alone(cluster.get(0));
        try (Client client = EtcdAdmin.connect(first.advertiseClientUrls()).newClient()) {
            restore(snapshot, first, first.initialClusterFlag());
            members.add(BareEtcd.launch(first, ClusterState.NEW));
            members.get(0).awaitHealthy();
            Map<String, List<URI>> running = new LinkedHashMap<>(first.initialCluster());
            for (EtcdConfig config : cluster.subList(1, SIZE)) {
                MemberAddResponse added = retried(() -> client.getClusterClient()
                        .addMember(config.initialAdvertisePeerUrls(), true).get(30, TimeUnit.SECONDS));
                running.put(config.name(), config.initialAdvertisePeerUrls());
                BareEtcd joined = BareEtcd.launch(config.toBuilder().initialCluster(running).build(), ClusterState.EXISTING);
                members.add(joined);
                joined.awaitHealthy();
                retried(() -> client.getClusterClient().promoteMember(added.getMember().getId()).get(30, TimeUnit.SECONDS));
            }
            RecoveryBenchmark.put(client, "after-the-restore");
            return Stats.millisSince(start);
        } finally {
            for (BareEtcd member : members) {
                member.close();
            }
        }
    }

    /** The member's config as a one-member cluster: the library restores one member, the others join it. */
    private static EtcdConfig alone(EtcdConfig config) {
        return config.toBuilder().initialCluster(Map.of(config.name(), config.initialAdvertisePeerUrls())).build();
    }

    /** The restore tool of the etcd in use, as etcd's docs run it (3.5's etcdutl raises the revision as the library does). */
    private static void restore(Path snapshot, EtcdConfig config, String initialCluster) throws Exception {
        Path etcd = EtcdBinary.locate().path().toAbsolutePath();
        Path etcdutl = etcd.resolveSibling("etcdutl");
        List<String> command = new ArrayList<>(List.of("snapshot", "restore", snapshot.toString(), "--name", config.name(),
                "--initial-cluster", initialCluster, "--initial-cluster-token", config.initialClusterToken(),
                "--initial-advertise-peer-urls", config.initialAdvertisePeerUrls().get(0).toString(),
                "--data-dir", config.dataDir().toString()));
        if (Files.isExecutable(etcdutl)) {
            List<String> withBump = new ArrayList<>(List.of(etcdutl.toString()));
            withBump.addAll(command);
            withBump.addAll(List.of("--bump-revision", Long.toString(BUMP), "--mark-compacted"));
            RecoveryBenchmark.runTool(withBump);
        } else {
            RecoveryBenchmark.etcdctl(command.toArray(String[]::new));
        }
    }

    private static void awaitVoters(URI url) throws InterruptedException {
        EtcdAdmin admin = EtcdAdmin.connect(url);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_FOR_MILLIS);
        while (admin.members().stream().filter(m -> !m.learner()).count() < SIZE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the restored cluster at " + url + " had not " + SIZE + " voters within "
                        + RETRY_FOR_MILLIS + " ms");
            }
            Thread.sleep(RETRY_MILLIS);
        }
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    /** Retries a membership call while etcd refuses it for a moment (unhealthy cluster, learner not in sync). */
    private static <T> T retried(Call<T> call) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_FOR_MILLIS);
        while (true) {
            try {
                return call.call();
            } catch (ExecutionException refused) {
                String why = String.valueOf(refused.getMessage());
                boolean momentary = MOMENTARY.stream().anyMatch(why::contains);
                if (!momentary || System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }
}
