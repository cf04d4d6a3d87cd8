/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.membership;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.LocalCluster;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.EtcdVersion;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The documented recipe for moving a cluster from etcd 3.4 to 3.5 with the library: restart one
 * member at a time, in place, with the new binary — followers first, the leader last — while
 * writes go on. Needs etcd 3.4 as the default binary and 3.5 at {@code etcd.upgrade.target}
 * ({@code scripts/ensure-etcd trixie}); CI has both.
 */
class RollingUpgradeTest {

    private static final ByteSequence KEY = ByteSequence.from("upgrade/counter", StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aClusterMovesFrom34To35MemberByMemberWithoutLosingAWrite() throws Exception {
        EtcdBinary from = EtcdBinary.locate();
        Path target = Path.of(System.getProperty("etcd.upgrade.target", "none"));
        assumeTrue(from.version().minor() == 4, "the default etcd is " + from.version() + ", not 3.4");
        assumeTrue(Files.isExecutable(target), "no etcd 3.5 at " + target + " (scripts/ensure-etcd trixie)");

        List<EmbeddedEtcd> members = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.onFreePorts(dir)) {
            members.addAll(cluster.threeVoters());
            List<URI> endpoints = members.stream().flatMap(m -> m.clientEndpoints().stream()).toList();
            try (Client client = EtcdAdmin.connect(endpoints).newClient(); Writer writer = new Writer(client)) {
                writer.start();
                for (int upgraded = 0; upgraded < 3; upgraded++) {
                    EmbeddedEtcd next = members.stream().filter(m -> m.binary().path().equals(from.path()))
                            .filter(m -> !m.isLeader()).findFirst()
                            .orElseGet(() -> members.stream().filter(m -> m.binary().path().equals(from.path()))
                                    .findFirst().orElseThrow());
                    long acknowledgedBefore = writer.acknowledged();
                    members.set(members.indexOf(next), restartWith(next, target));
                    awaitAllHealthy(members);
                    await().atMost(Waits.RECOVERY).until(() -> writer.acknowledged() > acknowledgedBefore);
                }
                await().atMost(Waits.RECONFIGURATION).until(() ->
                        EtcdAdmin.connect(endpoints).clusterVersion().orElse("").startsWith("3.5"));
                writer.close();

                long last = writer.lastAcknowledged();
                long stored = Long.parseLong(client.getKVClient().get(KEY).get(5, TimeUnit.SECONDS).getKvs().get(0)
                        .getValue().toString(StandardCharsets.UTF_8));
                assertThat(last).isPositive();
                assertThat(stored).as("the last acknowledged write survives").isGreaterThanOrEqualTo(last);
                assertThat(EtcdAdmin.connect(endpoints).members()).hasSize(3).noneMatch(Member::learner)
                        .allSatisfy(m -> assertThat(m.status()).hasValueSatisfying(
                                s -> assertThat(s.version()).startsWith("3.5.")));
                assertThat(members).allMatch(m -> m.binary().version().isAtLeast(new EtcdVersion(3, 5, 0)));
            } finally {
                EmbeddedEtcd.closeAll(members);
            }
        }
    }

    /** The recipe's one step: stop the member, start it again on its data dir with the new binary. */
    private static EmbeddedEtcd restartWith(EmbeddedEtcd member, Path binary) {
        member.close();
        return EmbeddedEtcd.builder().config(member.config()).binary(binary).serviceLoaderListeners(false).start();
    }

    private static void awaitAllHealthy(List<EmbeddedEtcd> members) {
        await().atMost(Waits.RECONFIGURATION).until(() -> members.stream().allMatch(EmbeddedEtcd::isHealthy));
    }

    /** Writes 1, 2, 3, ... to one key until closed, remembering the last acknowledged value. */
    private static final class Writer implements AutoCloseable {
        private final Client client;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong lastAcknowledged = new AtomicLong();
        private final AtomicLong acknowledged = new AtomicLong();
        private CompletableFuture<Void> loop;

        Writer(Client client) {
            this.client = client;
        }

        void start() {
            loop = CompletableFuture.runAsync(() -> {
                for (long value = 1; running.get(); value++) {
                    try {
                        client.getKVClient().put(KEY, ByteSequence.from(Long.toString(value), StandardCharsets.UTF_8))
                                .get(2, TimeUnit.SECONDS);
                        lastAcknowledged.set(value);
                        acknowledged.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception unknownOutcome) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    }
                }
            });
        }

        long acknowledged() {
            return acknowledged.get();
        }

        long lastAcknowledged() {
            return lastAcknowledged.get();
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            loop.get(10, TimeUnit.SECONDS);
        }
    }
}
