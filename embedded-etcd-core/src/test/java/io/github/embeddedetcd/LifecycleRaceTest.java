/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.config.EtcdConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** close() racing start() and join(), readers during a stop, and etcd dying at awkward moments. */
class LifecycleRaceTest {

    private static final Duration WAIT = Waits.RECONFIGURATION;

    @TempDir
    Path dir;

    @Test
    void closeDuringAJoinThatKeepsRetryingCutsItShort() {
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("joiner").joinTimeout(Duration.ofMinutes(2)).build())
                .serviceLoaderListeners(false).build();
        URI nobody = URI.create("http://127.0.0.1:" + FreePorts.next());

        CompletableFuture<EmbeddedEtcd> join = CompletableFuture.supplyAsync(() -> member.join(nobody));
        await().atMost(WAIT).until(() -> member.state() instanceof Lifecycle.Starting);
        member.close();

        assertThatThrownBy(() -> join.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(EmbeddedEtcdException.class)
                .hasMessageContaining("Start of member 'joiner' was cut short by a stop");
        assertStoppedAndForgotten(member);
    }

    /** A member of a three-member cluster whose peers never come cannot become healthy: its start waits. */
    @Test
    void closeWhileEtcdStartsKillsItAndLeavesNothingBehind() {
        URI peer = URI.create("http://127.0.0.1:" + FreePorts.next());
        EtcdConfig lonely = config("lonely").peerUrl(peer).startTimeout(Duration.ofMinutes(1))
                .initialCluster("lonely=" + peer + ",absent-1=http://127.0.0.1:" + FreePorts.next()
                        + ",absent-2=http://127.0.0.1:" + FreePorts.next())
                .build();
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(lonely).serviceLoaderListeners(false).build();

        CompletableFuture<EmbeddedEtcd> start = CompletableFuture.supplyAsync(member::start);
        await().atMost(WAIT).until(() -> etcdProcessesIn(lonely.dataDir()) > 0);
        member.close();

        assertThatThrownBy(() -> start.get(10, TimeUnit.SECONDS)).hasMessageContaining("cut short by a stop");
        assertThat(etcdProcessesIn(lonely.dataDir())).isZero();
        assertStoppedAndForgotten(member);
    }

    /** A frozen etcd ignores SIGTERM: the stop waits its full timeout, and nobody else may wait with it. */
    @Test
    void readersAnswerWhileAStopWaitsForEtcd() throws Exception {
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("frozen").stopTimeout(Duration.ofSeconds(3)).build())
                .serviceLoaderListeners(false).build().start();
        long pid = member.pid();
        signal(pid, "STOP");

        CompletableFuture<Void> close = CompletableFuture.runAsync(member::close);
        await().atMost(WAIT).until(() -> member.state() instanceof Lifecycle.Stopping);
        boolean running = member.isRunning();
        boolean leader = member.isLeader();
        CompletableFuture<Void> onStop = member.onStop();

        assertThat(close).as("the stop is still waiting for etcd").isNotDone();
        assertThat(running).isFalse();
        assertThat(leader).isFalse();
        close.get(30, TimeUnit.SECONDS);
        assertThat(onStop).isDone();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertStoppedAndForgotten(member);
    }

    @Test
    void aJoinWaitingForPromotionSaysSoWhenItsEtcdDies() throws Exception {
        try (EmbeddedEtcd leader = EmbeddedEtcd.builder().config(config("leader").autoPromote(false).build())
                .serviceLoaderListeners(false).start()) {
            EmbeddedEtcd learner = EmbeddedEtcd.builder().config(config("learner").build())
                    .serviceLoaderListeners(false).build();

            CompletableFuture<EmbeddedEtcd> join = CompletableFuture.supplyAsync(
                    () -> learner.join(leader.clientEndpoints().toArray(URI[]::new)));
            await().atMost(WAIT).until(() -> learner.state() instanceof Lifecycle.Running);
            signal(learner.pid(), "KILL");

            assertThatThrownBy(() -> join.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(EmbeddedEtcdException.class)
                    .hasMessageContaining("'learner' stopped while waiting for its promotion")
                    .hasMessageContaining("join() again resumes it");
            assertStoppedAndForgotten(learner);
        }
    }

    /** An application may keep the common pool busy; a member must still notice its etcd die. */
    @Test
    void anEtcdThatDiesIsNoticedWhileTheCommonPoolIsBusy() throws Exception {
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("busy").build()).serviceLoaderListeners(false)
                .build().start();
        CountDownLatch release = new CountDownLatch(1);
        List<ForkJoinTask<?>> blockers = new ArrayList<>();
        for (int i = 0; i < ForkJoinPool.getCommonPoolParallelism(); i++) {
            blockers.add(ForkJoinPool.commonPool().submit(() -> awaitQuietly(release)));
        }
        try {
            CompletableFuture<Void> stopped = member.onStop();
            signal(member.pid(), "KILL");

            stopped.get(20, TimeUnit.SECONDS);
            assertThat(blockers).allMatch(b -> !b.isDone());
            assertStoppedAndForgotten(member);
        } finally {
            release.countDown();
        }
    }

    /** onStop() completes once the member is stopped: a callback may start it again at once. */
    @Test
    void aMemberCanBeRestartedFromItsOnStopCallback() throws Exception {
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config("phoenix").build()).serviceLoaderListeners(false)
                .build().start();
        try {
            long firstPid = member.pid();
            CompletableFuture<EmbeddedEtcd> restarted = member.onStop().thenApply(stopped -> member.start());

            signal(firstPid, "KILL");

            assertThat(restarted.get(30, TimeUnit.SECONDS).isRunning()).isTrue();
            assertThat(member.pid()).isNotEqualTo(firstPid);
        } finally {
            member.close();
        }
    }

    /**
     * A JVM's shutdown runs the library's hook and often the application's own closeAll at once:
     * while one of them stops the leader, the other must wait for that stop instead of stopping a
     * follower under the leader's feet (a frozen leader makes its stop last long enough to tell).
     */
    @Test
    void twoConcurrentCloseAllsStillStopTheLeaderFirst() throws Exception {
        List<EmbeddedEtcd> members = new ArrayList<>();
        try (LogCapture log = LogCapture.of("io.github.embeddedetcd.MemberRun")) {
            EmbeddedEtcd n1 = EmbeddedEtcd.builder().config(config("n1").stopTimeout(Duration.ofSeconds(2)).build())
                    .serviceLoaderListeners(false).start();
            members.add(n1);
            for (String name : List.of("n2", "n3")) {
                members.add(EmbeddedEtcd.builder().config(config(name).stopTimeout(Duration.ofSeconds(2)).build())
                        .serviceLoaderListeners(false).join(n1.clientEndpoints().toArray(URI[]::new)));
            }
            EmbeddedEtcd leader = members.stream().filter(EmbeddedEtcd::isLeader).findFirst().orElseThrow();
            members.sort(Comparator.comparing(m -> m == leader));   // the leader last: order must not matter
            signal(leader.pid(), "STOP");

            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> EmbeddedEtcd.closeAll(members));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> EmbeddedEtcd.closeAll(members));
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);

            List<String> stops = log.messages().stream().filter(m -> m.contains("' stopped (exit code")).toList();
            assertThat(stops).hasSize(3);
            assertThat(stops.get(0)).startsWith("etcd member '" + leader.name() + "' stopped");
            assertThat(stops.subList(1, 3)).as("the others stopped gracefully, one after the other (SIGTERM, 143)")
                    .allMatch(stop -> stop.endsWith("(exit code 143)"));
        } finally {
            EmbeddedEtcd.closeAll(members);
        }
    }

    private EtcdConfig.Builder config(String name) {
        return TestNodes.config(name, dir.resolve(name));
    }

    private static void assertStoppedAndForgotten(EmbeddedEtcd member) {
        await().atMost(WAIT).until(() -> member.state() instanceof Lifecycle.Stopped);
        assertThat(member.isRunning()).isFalse();
        assertThat(RunningMembers.contains(member)).isFalse();
    }

    private static long etcdProcessesIn(Path dataDir) {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(dataDir.toString()))
                        .orElse(false))
                .count();
    }

    private static void signal(long pid, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start().waitFor()).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
