package io.github.embeddedetcd.testkit;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster without JUnit's help, and two clusters starting at once. */
class ProgrammaticClusterTest {

    @Test
    void twoClustersStartedAtOnceNeverShareAPortOrAName() throws Exception {
        CompletableFuture<EtcdTestCluster> a = CompletableFuture.supplyAsync(() -> EtcdTestCluster.builder().nodes(2).build().start());
        CompletableFuture<EtcdTestCluster> b = CompletableFuture.supplyAsync(() -> EtcdTestCluster.builder().nodes(2).build().start());
        try (EtcdTestCluster first = a.get(60, TimeUnit.SECONDS); EtcdTestCluster second = b.get(60, TimeUnit.SECONDS)) {
            assertThat(first.clusterName()).isNotEqualTo(second.clusterName());
            Set<Integer> ports = new HashSet<>();
            for (EtcdTestCluster cluster : List.of(first, second)) {
                for (URI url : cluster.clientEndpoints()) {
                    assertThat(ports.add(url.getPort())).isTrue();
                }
                for (URI url : cluster.peerEndpoints()) {
                    assertThat(ports.add(url.getPort())).isTrue();
                }
            }
            Kv.put(first.client(), "k", "first");
            Kv.put(second.client(), "k", "second");
            assertThat(Kv.get(first.client(), "k")).contains("first");
            assertThat(Kv.get(second.client(), "k")).contains("second");
        }
    }

    @Test
    void closingRemovesTheDataUnlessKept() throws Exception {
        EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(1).build().start();
        java.nio.file.Path data = cluster.dataDir();
        cluster.close();
        assertThat(data).doesNotExist();

        EtcdTestCluster kept = EtcdTestCluster.builder().nodes(1).build().start();
        kept.keepData(true);
        kept.close();
        assertThat(kept.dataDir().resolve("node-0/member")).isDirectory();
    }
}
