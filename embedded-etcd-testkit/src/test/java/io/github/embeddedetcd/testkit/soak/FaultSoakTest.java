/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import io.github.embeddedetcd.testkit.Network;
import io.github.embeddedetcd.testkit.internal.network.NamespaceNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 3-member cluster under a write/read workload while faults are injected one after another:
 * SIGKILL of leader and followers, the leader paused past its election timeout, graceful restarts,
 * a member removed and a new one joined through the library, and (where network namespaces can be
 * made) the leader isolated. Afterwards no acknowledged write may be lost, no value may appear that
 * was never written, no read may be older than a write acknowledged before it began, and the
 * cluster must be back to 3 voters without a learner.
 *
 * <p>{@code -Dsoak.faults=N} sets the number of faults (default 12; {@code -Psoak} runs 60);
 * {@code -Dsoak.seed} replays a run's fault sequence. Figures go to the log ("Soak result").
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class FaultSoakTest {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSoakTest.class);
    private static final Duration OUTAGE = Duration.ofMillis(5L * EtcdTestCluster.FAST_ELECTION_MILLIS);

    @Test
    void noAcknowledgedWriteIsLostAndNoReadGoesBackInTime() throws Exception {
        int faults = Integer.getInteger("soak.faults", 12);
        long seed = Long.getLong("soak.seed", System.nanoTime());
        boolean namespaces = NamespaceNetwork.unavailableReason().isEmpty();
        List<Fault> kinds = new ArrayList<>(Arrays.asList(Fault.values()));
        if (!namespaces) {
            kinds.remove(Fault.ISOLATE_LEADER);
            LOG.info("Soak on loopback, without leader isolation: {}", NamespaceNetwork.unavailableReason().get());
        }
        Random random = new Random(seed);
        long began = System.nanoTime();

        try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(3)
                .network(namespaces ? Network.NAMESPACES : Network.LOOPBACK).start()) {
            Workload workload = new Workload(EtcdAdmin.connect(cluster.clientEndpoints()).newClient(), 3, 4, 2);
            FaultInjector injector = new FaultInjector(cluster, workload, random, OUTAGE);
            workload.start();
            try {
                for (int i = 0; i < faults; i++) {
                    // every kind comes once before any repeats, so that even a short run sees them all
                    Fault fault = i < kinds.size() ? kinds.get(i) : kinds.get(random.nextInt(kinds.size()));
                    injector.inject(fault);
                    Thread.sleep(200 + random.nextInt(400));
                }
            } finally {
                Client last = workload.switchTo(null);
                workload.close();
                last.close();
                injector.retiredClients().forEach(Client::close);
            }

            Map<String, Long> finalValues = readAll(cluster, workload.keys());
            List<Operation> history = workload.history().operations();
            HistoryChecker.Verdict verdict = HistoryChecker.check(history, finalValues);
            List<Member> members = EtcdAdmin.connect(cluster.clientEndpoints()).members();
            Map<String, String> evidence = evidence(cluster, history, verdict.notLinearizable(), seed);

            LOG.info("Soak result: seed {}, network {}, {} faults {}, {} acknowledged writes, {} writes with unknown "
                    + "outcome, {} reads ({} failed), lost {}, phantom {}, keys not linearizable {}, {} s",
                    seed, namespaces ? "NAMESPACES" : "LOOPBACK", injector.total(), injector.injected(),
                    count(history, Operation::isAcknowledgedWrite),
                    count(history, op -> op.kind() == Operation.Kind.WRITE && !op.isAcknowledgedWrite()),
                    count(history, op -> op.kind() == Operation.Kind.READ),
                    count(history, op -> op.kind() == Operation.Kind.READ && !op.isSuccessfulRead()),
                    verdict.lost().size(), verdict.phantoms().size(), verdict.notLinearizable().size(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
            assertThat(injector.total()).isEqualTo(faults);
            assertThat(count(history, Operation::isAcknowledgedWrite)).as("writes acknowledged").isPositive();
            assertThat(verdict.lost()).as("acknowledged writes lost (seed %d)", seed).isEmpty();
            assertThat(verdict.phantoms()).as("values never written (seed %d)", seed).isEmpty();
            assertThat(evidence).as("keys whose history is not linearizable (seed %d), with etcd's record of each",
                    seed).isEmpty();
            assertThat(members).hasSize(3).noneMatch(Member::learner);
        }
    }

    /**
     * For each key that failed the check: the explanation, etcd's record of its values, and the key's
     * whole history written to target/soak-failures (too long for a message).
     */
    private static Map<String, String> evidence(EtcdTestCluster cluster, List<Operation> history,
            Map<String, String> failed, long seed) throws Exception {
        Map<String, String> evidence = new LinkedHashMap<>();
        if (failed.isEmpty()) {
            return evidence;
        }
        Path dir = Files.createDirectories(Path.of("target", "soak-failures"));
        try (Client client = EtcdAdmin.connect(cluster.clientEndpoints()).newClient()) {
            for (String key : failed.keySet()) {
                List<String> versions = KeyRevisions.of(client, key, Integer.MAX_VALUE);
                Path file = dir.resolve(seed + "-" + key.replace('/', '_') + ".txt");
                List<String> lines = new ArrayList<>(List.of("etcd's versions (value@revision): " + versions));
                history.stream().filter(op -> op.key().equals(key)).map(Operation::toString).forEach(lines::add);
                Files.write(file, lines);
                evidence.put(key, failed.get(key)
                        + "; etcd's last versions: " + versions.subList(Math.max(0, versions.size() - 12), versions.size())
                        + "; history in " + file.toAbsolutePath());
            }
        }
        return evidence;
    }

    /** Each key's value, read linearizably once the cluster is whole again. */
    private static Map<String, Long> readAll(EtcdTestCluster cluster, List<String> keys) throws Exception {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Client client = EtcdAdmin.connect(cluster.clientEndpoints()).newClient()) {
            for (String key : keys) {
                values.put(key, Workload.valueOf(client.getKVClient().get(Workload.bytes(key)).get(10, TimeUnit.SECONDS)));
            }
        }
        return values;
    }

    private static long count(List<Operation> history, java.util.function.Predicate<Operation> which) {
        return history.stream().filter(which).count();
    }
}
