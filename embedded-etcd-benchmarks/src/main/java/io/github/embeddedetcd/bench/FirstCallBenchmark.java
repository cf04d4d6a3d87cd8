/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.config.EtcdConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which client a member's first look at its cluster should use in a fresh JVM: the library's JSON
 * gateway calls or jetcd's clients ({@link FirstCallApp}), alternated in fresh JVMs against one bare
 * etcd, no warm-up. The difference is what a cold start would pay for jetcd.
 */
final class FirstCallBenchmark {

    private final int runs;

    FirstCallBenchmark(int runs) {
        this.runs = runs;
    }

    void run() throws Exception {
        List<Double> gateway = new ArrayList<>();
        List<Double> jetcd = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        Path dir = BareEtcd.dataRoot();
        EtcdConfig config = Configs.member("first-call", dir).build();
        try (BareEtcd etcd = BareEtcd.launch(config)) {
            etcd.awaitHealthy();
            String url = config.advertiseClientUrls().get(0).toString();
            for (int i = 0; i < runs; i++) {
                Settle.now();
                double viaGateway = FreshJvm.run(FirstCallApp.class, FirstCallApp.DONE, "gateway", url)
                        .get(FirstCallApp.FIRST_LOOK);
                Settle.now();
                double viaJetcd = FreshJvm.run(FirstCallApp.class, FirstCallApp.DONE, "jetcd", url)
                        .get(FirstCallApp.FIRST_LOOK);
                gateway.add(viaGateway);
                jetcd.add(viaJetcd);
                added.add(viaJetcd - viaGateway);
            }
        } finally {
            Configs.deleteTree(dir);
        }
        System.out.printf(Locale.ROOT, "%n| first look at the cluster in a fresh JVM (member list + status), %d pairs | "
                + "median (min–max) |%n|---|---|%n| JSON gateway calls | %s |%n| jetcd clients | %s |%n"
                + "| jetcd − gateway, per pair | %s |%n", runs, Stats.of(gateway).millis(), Stats.of(jetcd).millis(),
                Stats.of(added).millis());
    }
}
