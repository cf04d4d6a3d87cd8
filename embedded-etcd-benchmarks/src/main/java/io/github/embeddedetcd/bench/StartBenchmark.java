package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.testkit.EtcdTestCluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * (1) One member, start → /health ok: {@code EmbeddedEtcd.start()} against the same etcd started
 * bare and polled by the harness. (2) Three members ready (all healthy, leader elected): the
 * testkit against three bare processes with the same static initial-cluster and timings.
 * Runs alternate library and bare; one warm-up pair is not counted.
 */
final class StartBenchmark {

    private final int runs;

    StartBenchmark(int runs) {
        this.runs = runs;
    }

    void run() throws Exception {
        Comparison single = new Comparison("1 member: start → /health ok", "≤ 1.10×");
        Comparison cluster = new Comparison("3 members: start → all healthy", "≤ 1.20×");
        for (int i = 0; i <= runs; i++) {
            double lib = embeddedStart();
            double bare = bareStart(1);
            double libCluster = testkitStart();
            double bareCluster = bareStart(3);
            if (i > 0) {
                single.add(lib, bare);
                cluster.add(libCluster, bareCluster);
            }
        }
        Comparison.printHeader();
        single.print();
        cluster.print();
    }

    private static double embeddedStart() throws Exception {
        Path dir = BareEtcd.dataRoot();
        try {
            EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(Configs.member("solo", dir).build()).build();
            long start = System.nanoTime();
            try (EmbeddedEtcd running = etcd.start()) {
                return millisSince(start);
            }
        } finally {
            Configs.deleteTree(dir);
        }
    }

    private static double testkitStart() {
        EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(3)
                .timings(Configs.HEARTBEAT_MILLIS, Configs.ELECTION_MILLIS).build();
        long start = System.nanoTime();
        try (EtcdTestCluster running = cluster.start()) {
            return millisSince(start);
        }
    }

    private static double bareStart(int size) throws Exception {
        Path dir = BareEtcd.dataRoot();
        List<EtcdConfig> configs = Configs.staticCluster(dir, size);
        List<BareEtcd> members = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (EtcdConfig config : configs) {
                members.add(BareEtcd.launch(config));
            }
            for (BareEtcd member : members) {
                member.awaitHealthy();
            }
            return millisSince(start);
        } finally {
            for (BareEtcd member : members) {
                member.close();
            }
            Configs.deleteTree(dir);
        }
    }

    static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
