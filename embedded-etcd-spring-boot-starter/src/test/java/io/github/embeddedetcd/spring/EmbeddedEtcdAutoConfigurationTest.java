/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.EtcdVersion;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MembershipListener;
import io.github.embeddedetcd.config.ConfigException;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.spring.MemberContexts.HealthReport;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import io.github.embeddedetcd.spring.actuate.EmbeddedEtcdHealthAutoConfiguration;
import io.github.embeddedetcd.spring.actuate.EmbeddedEtcdMetrics;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.embeddedetcd.spring.MemberContexts.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The starter against real etcd: the member's life with the context, its beans, settings and errors. */
class EmbeddedEtcdAutoConfigurationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SMALL_QUOTA = 2 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void theMemberRunsWithTheContextAndItsClientWorks() {
        AtomicLong pid = new AtomicLong();
        member("boot", dir).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EmbeddedEtcd.class).hasSingleBean(Client.class);
            EmbeddedEtcd etcd = context.getBean(EmbeddedEtcd.class);
            assertThat(etcd.isRunning()).isTrue();
            pid.set(etcd.pid());
            put(context.getBean(Client.class), "greeting", "hello");
            assertThat(get(etcd.client(), "greeting")).isEqualTo("hello");
        });
        assertThat(ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive)).as("etcd after the context closed").isNotEqualTo(
                java.util.Optional.of(true));
    }

    @Test
    void theHealthIndicatorReportsTheMember() {
        member("healthy", dir).run(context -> {
            Object indicator = context.getBean(EmbeddedEtcdHealthAutoConfiguration.BEAN_NAME);
            await().atMost(WAIT).untilAsserted(() -> {
                HealthReport report = HealthReport.of(indicator);
                assertThat(report.status()).isEqualTo("UP");
                assertThat(report.details()).containsEntry("name", "healthy").containsEntry("leader", "healthy")
                        .containsEntry("learner", false).containsEntry("members", 1).containsEntry("running", true)
                        .containsKey("id");
            });
            context.getBean(EmbeddedEtcd.class).close();
            assertThat(HealthReport.of(indicator).status()).isEqualTo("DOWN");
            assertThat(HealthReport.of(indicator).details()).containsEntry("running", false);
        });
    }

    @Test
    void theMetersReadTheMember() {
        member("metered", dir).run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(EmbeddedEtcdMetrics.class).bindTo(registry);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(registry.get("etcd.member.leader").tag("member", "metered").gauge().value()).isEqualTo(1));
            assertThat(registry.get("etcd.member.raft.term").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(registry.get("etcd.member.db.size").gauge().value()).isGreaterThan(0);
            assertThat(registry.get("etcd.cluster.members").gauge().value()).isEqualTo(1);
            assertThat(registry.get("etcd.cluster.learners").gauge().value()).isZero();
            assertThat(registry.get("etcd.cluster.leader.changes").functionCounter().count()).isGreaterThanOrEqualTo(1);
            assertThat(registry.get("etcd.cluster.promotions").functionCounter().count()).isZero();
            assertThat(registry.get("etcd.cluster.unreachable.removals").functionCounter().count()).isZero();
            assertThat(registry.get("etcd.member.start.time").timeGauge().value(TimeUnit.MILLISECONDS))
                    .isBetween((double) System.currentTimeMillis() - 600_000, (double) System.currentTimeMillis());
            context.getBean(EmbeddedEtcd.class).close();
            assertThat(registry.get("etcd.member.raft.term").gauge().value()).isNaN();
        });
    }

    @Test
    void scheduledSnapshotsShowInHealthAndMeters() {
        member("backed-up", dir).withPropertyValues("embedded.etcd.snapshot-interval=200ms",
                "embedded.etcd.snapshot-dir=" + dir.resolve("snapshots")).run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(EmbeddedEtcdMetrics.class).bindTo(registry);
            Object indicator = context.getBean(EmbeddedEtcdHealthAutoConfiguration.BEAN_NAME);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(registry.get("etcd.snapshots.saved").functionCounter().count()).isGreaterThanOrEqualTo(1));
            assertThat(registry.get("etcd.snapshots.failures").functionCounter().count()).isZero();
            assertThat(registry.get("etcd.snapshots.newest.age").timeGauge().value(TimeUnit.SECONDS))
                    .isBetween(0.0, (double) WAIT.toSeconds());
            // the first snapshot saved is then restored and started in a check: the recovery point
            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.get("etcd.snapshots.proven.age").timeGauge()
                    .value(TimeUnit.SECONDS)).isBetween(0.0, (double) WAIT.toSeconds()));
            assertThat(registry.get("etcd.snapshots.check.failures").functionCounter().count()).isZero();
            assertThat(HealthReport.of(indicator).details().get("snapshots")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("directory", dir.resolve("snapshots").toString()).containsEntry("failed", 0L)
                    .containsEntry("checkFailures", 0L)
                    .containsKeys("newest", "newestAgeSeconds", "newestProven", "newestProvenAgeSeconds", "saved");
        });
    }

    @Test
    void propertiesOverrideTheConfigFileTheyName() throws Exception {
        int clientPort = FreePorts.next();
        Path file = Files.writeString(dir.resolve("etcd.yaml"), String.join("\n",
                "name: from-file",
                "data-dir: " + dir.resolve("data"),
                "listen-client-urls: http://127.0.0.1:" + clientPort,
                "listen-peer-urls: http://127.0.0.1:" + FreePorts.next(),
                ""));
        MemberContexts.starter().withPropertyValues("embedded.etcd.config=" + file, "embedded.etcd.name=from-properties")
                .run(context -> {
                    EmbeddedEtcd etcd = context.getBean(EmbeddedEtcd.class);
                    assertThat(etcd.name()).isEqualTo("from-properties");
                    assertThat(etcd.clientEndpoints()).extracting(uri -> uri.getPort()).containsExactly(clientPort);
                    assertThat(etcd.config().dataDir()).isEqualTo(dir.resolve("data"));
                });
    }

    @Test
    void anInvalidSettingFailsStartupNamingThePropertyAndWhereItIsSet() {
        member("misconfigured", dir).withPropertyValues("embedded.etcd.election-timeout=20").run(context -> {
            assertThat(context).hasFailed();
            ConfigException cause = rootCause(context.getStartupFailure(), ConfigException.class);
            assertThat(cause.getMessage()).startsWith("'embedded.etcd.election-timeout': must be at least 5 times")
                    .contains("from property source \"test\"");
            FailureAnalysis analysis = new EmbeddedEtcdFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'embedded.etcd.election-timeout'");
            assertThat(analysis.getAction()).contains("embedded.etcd.enabled=false");
        });
        assertThat(dir.resolve("misconfigured")).doesNotExist();
    }

    @Test
    void aValueOfTheWrongTypeFailsStartupNamingTheProperty() {
        member("typo", dir).withPropertyValues("embedded.etcd.start-timeout=soon").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasMessageContaining("embedded.etcd");
            assertThat(rootCause(context.getStartupFailure(), Throwable.class)).hasMessageContaining("soon");
        });
    }

    @Test
    void aPasswordWithoutAUserIsRefused() {
        member("anonymous", dir).withPropertyValues("embedded.etcd.password-env=ETCD_PASSWORD").run(context -> {
            assertThat(rootCause(context.getStartupFailure(), ConfigException.class))
                    .hasMessageStartingWith("'embedded.etcd.user': a password is set but no user");
        });
    }

    @Test
    void customizerBeansChangeTheMemberAfterTheProperties() {
        member("customized", dir).withPropertyValues("embedded.etcd.snapshot-count=5000",
                        "embedded.etcd.auto-compaction-retention=30m")
                .withBean("first", EmbeddedEtcdBuilderCustomizer.class, () -> builder ->
                        builder.configure(c -> c.set(Settings.SNAPSHOT_COUNT, 7000L)))
                .run(context -> {
                    EtcdConfig config = context.getBean(EmbeddedEtcd.class).config();
                    assertThat(config.snapshotCount()).isEqualTo(7000L);
                    assertThat(config.etcdFlags(ClusterState.NEW, EtcdVersion.MINIMUM)).contains("--auto-compaction-retention=30m");
                });
    }

    @Test
    void aBlankUserIsRefusedByItsPropertyName() {
        member("blank", dir).withPropertyValues("embedded.etcd.user= ", "embedded.etcd.password-env=ETCD_PASSWORD")
                .run(context -> assertThat(rootCause(context.getStartupFailure(), ConfigException.class))
                        .hasMessageStartingWith("'embedded.etcd.user': expects a non-empty single-line value"));
    }

    @Test
    void membershipListenerBeansHearTheMember() {
        RecordingListener listener = new RecordingListener();
        member("heard", dir).withBean(RecordingListener.class, () -> listener).run(context ->
                await().atMost(WAIT).untilAsserted(() -> assertThat(listener.leaders).contains("heard")));
    }

    @Test
    void aListenerBeanMayUseTheClient() {
        ListenerWritesThroughClient.WRITTEN.set(null);
        member("listened", dir).withUserConfiguration(ListenerWritesThroughClient.class).run(context -> {
            assertThat(context).hasNotFailed();
            await().atMost(WAIT).untilAsserted(() -> assertThat(ListenerWritesThroughClient.WRITTEN.get()).isEqualTo("listened"));
            assertThat(get(context.getBean(Client.class), "leader")).isEqualTo("listened");
        });
    }

    @Test
    void aContextThatFailsAfterTheMemberStartedLeavesNoEtcdRunning() {
        FailsAfterTheMember.PID.set(0);
        member("abandoned", dir).withUserConfiguration(FailsAfterTheMember.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasRootCauseMessage("a later bean fails");
        });
        assertThat(FailsAfterTheMember.PID.get()).isPositive();
        assertThat(ProcessHandle.of(FailsAfterTheMember.PID.get()).map(ProcessHandle::isAlive)).isNotEqualTo(
                java.util.Optional.of(true));
    }

    @Test
    void propertiesAreCheckedAsTheConfigFileIs() {
        member("checked", dir).withPropertyValues("embedded.etcd.advertise-client-urls=localhost:2379").run(context ->
                assertThat(rootCause(context.getStartupFailure(), ConfigException.class))
                        .hasMessageStartingWith("'embedded.etcd.advertise-client-urls': 'localhost:2379' must start with http://"));
        member("checked", dir).withPropertyValues("embedded.etcd.log-level=verbose").run(context ->
                assertThat(rootCause(context.getStartupFailure(), ConfigException.class))
                        .hasMessageStartingWith("'embedded.etcd.log-level': "));
        member("checked", dir).withPropertyValues("embedded.etcd.snapshot-count=0").run(context ->
                assertThat(rootCause(context.getStartupFailure(), ConfigException.class))
                        .hasMessageStartingWith("'embedded.etcd.snapshot-count': expects a number from 1"));
    }

    @Test
    void enabledFalseSwitchesItAllOff() {
        member("off", dir).withPropertyValues("embedded.etcd.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedEtcd.class).doesNotHaveBean(Client.class)
                    .doesNotHaveBean(EmbeddedEtcdMetrics.class).doesNotHaveBean(EmbeddedEtcdHealthAutoConfiguration.BEAN_NAME);
        });
        assertThat(dir.resolve("off")).doesNotExist();
    }

    @Test
    void beansUseTheClientWhileTheyAreCreatedAndWhileTheyStop() {
        UsesEtcd.READ_AT_STOP.set(null);
        member("ordered", dir).withUserConfiguration(UsesEtcd.class).run(context -> assertThat(context).hasNotFailed());
        assertThat(UsesEtcd.READ_AT_STOP.get()).isEqualTo("written while starting");
    }

    @Test
    void aStoppedContextStartsTheMemberAgain() {
        member("restarted", dir).run(context -> {
            EmbeddedEtcd etcd = context.getBean(EmbeddedEtcd.class);
            put(etcd.client(), "kept", "across a restart");
            context.stop();
            assertThat(etcd.isRunning()).isFalse();
            context.start();
            assertThat(etcd.isRunning()).isTrue();
            assertThat(get(context.getBean(Client.class), "kept")).as("through the Client bean").isEqualTo("across a restart");
        });
    }

    @Test
    void anApplicationsOwnMemberIsRunWithTheContext() {
        EmbeddedEtcd own = EmbeddedEtcd.builder().configure(c -> c.name("own").dataDir(dir.resolve("own"))
                .clientUrl(java.net.URI.create("http://127.0.0.1:" + FreePorts.next()))
                .peerUrl(java.net.URI.create("http://127.0.0.1:" + FreePorts.next()))).build();
        MemberContexts.starter().withBean(EmbeddedEtcd.class, () -> own).run(context -> {
            assertThat(context.getBean(EmbeddedEtcd.class)).isSameAs(own);
            assertThat(context).doesNotHaveBean(ListenerBeans.class);
            assertThat(own.isRunning()).isTrue();
        });
        assertThat(own.isRunning()).isFalse();
    }

    @Test
    void twoMembersOfTheApplicationsOwnGetNoBeansThatWouldHaveToPickOne() {
        MemberContexts.starter()
                .withBean("first", EmbeddedEtcd.class, () -> EmbeddedEtcd.builder().configure(c -> c.name("first")).build())
                .withBean("second", EmbeddedEtcd.class, () -> EmbeddedEtcd.builder().configure(c -> c.name("second")).build())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Client.class)
                        .doesNotHaveBean(EmbeddedEtcdLifecycle.class).doesNotHaveBean(EmbeddedEtcdMetrics.class)
                        .doesNotHaveBean(EmbeddedEtcdHealthAutoConfiguration.BEAN_NAME));
    }

    @Test
    void withJoinEndpointsTheMemberJoinsAClusterAndIsPromoted() {
        try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(1).start()) {
            member("joiner", dir).withPropertyValues("embedded.etcd.join-endpoints=" + cluster.clientEndpoints().get(0))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(EmbeddedEtcd.class).isLearner()).isFalse();
                        List<Member> members = EtcdAdmin.builder().endpoints(cluster.clientEndpoints()).build().members();
                        assertThat(members).filteredOn(m -> m.name().equals("joiner")).singleElement()
                                .extracting(Member::learner).isEqualTo(false);
                    });
        }
    }

    /** A bean that writes through the client while it is created, and reads it back while it stops. */
    @Configuration(proxyBeanMethods = false)
    static class UsesEtcd {

        static final AtomicReference<String> READ_AT_STOP = new AtomicReference<>();

        @Bean
        SmartLifecycle writerAndReader(Client client) {
            put(client, "order", "written while starting");
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    running = true;
                }

                @Override
                public void stop() {
                    READ_AT_STOP.set(get(client, "order"));
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }
            };
        }
    }

    /** A listener bean that needs the Client, which needs the member: its events wait for it. */
    @Configuration(proxyBeanMethods = false)
    static class ListenerWritesThroughClient {

        static final AtomicReference<String> WRITTEN = new AtomicReference<>();

        @Bean
        MembershipListener writesTheLeader(Client client) {
            return new MembershipListener() {
                @Override
                public void leaderChanged(Member leader) {
                    put(client, "leader", leader.name());
                    WRITTEN.set(leader.name());
                }
            };
        }
    }

    /** A bean created after the member started that fails the context. */
    @Configuration(proxyBeanMethods = false)
    static class FailsAfterTheMember {

        static final AtomicLong PID = new AtomicLong();

        @Bean
        Object failing(EmbeddedEtcd etcd) {
            PID.set(etcd.pid());
            throw new IllegalStateException("a later bean fails");
        }
    }

    static final class RecordingListener implements MembershipListener {
        final List<String> leaders = new CopyOnWriteArrayList<>();

        @Override
        public void leaderChanged(Member leader) {
            leaders.add(leader.name());
        }
    }

    @Test
    void anArmedAlarmShowsInHealthAndMeters() {
        upkeptMember("full", "embedded.etcd.clear-nospace=false").run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(EmbeddedEtcdMetrics.class).bindTo(registry);
            Object indicator = context.getBean(EmbeddedEtcdHealthAutoConfiguration.BEAN_NAME);

            fillUntilNoSpace(context.getBean(Client.class));

            await().atMost(WAIT).untilAsserted(() -> assertThat(HealthReport.of(indicator).details().get("alarms"))
                    .asInstanceOf(InstanceOfAssertFactories.LIST).singleElement().asString().startsWith("NOSPACE alarm"));
            assertThat(HealthReport.of(indicator).status()).as("etcd is unhealthy while an alarm is armed")
                    .isEqualTo("DOWN");
            assertThat(registry.get("etcd.cluster.alarms").tag("alarm", "NOSPACE").gauge().value()).isEqualTo(1);
            assertThat(registry.get("etcd.cluster.alarms").tag("alarm", "CORRUPT").gauge().value()).isZero();
            assertThat(registry.get("etcd.member.db.quota").gauge().value()).isEqualTo(SMALL_QUOTA);
            assertThat(registry.get("etcd.member.db.size.in.use").gauge().value()).isGreaterThan(0);
        });
    }

    @Test
    void theUpkeepClearsNoSpaceAndTheMemberIsHealthyAgain() {
        upkeptMember("cleared").run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(EmbeddedEtcdMetrics.class).bindTo(registry);
            Object indicator = context.getBean(EmbeddedEtcdHealthAutoConfiguration.BEAN_NAME);

            fillUntilNoSpace(context.getBean(Client.class));

            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.get("etcd.upkeep.nospace.cleared")
                    .functionCounter().count()).isEqualTo(1));
            await().atMost(WAIT).untilAsserted(() -> {
                HealthReport report = HealthReport.of(indicator);
                assertThat(report.status()).isEqualTo("UP");
                assertThat(report.details().get("alarms")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
                assertThat(report.details().get("database")).asInstanceOf(InstanceOfAssertFactories.MAP)
                        .containsEntry("quotaBytes", (long) SMALL_QUOTA).containsEntry("defragmentations", 1L);
            });
            assertThat(registry.get("etcd.upkeep.defragmentations").functionCounter().count()).isEqualTo(1);
            put(context.getBean(Client.class), "after", "accepted");
        });
    }

    /** A member with a 2 MiB quota, checked every 200 ms, that never compacts by itself. */
    private ApplicationContextRunner upkeptMember(String name, String... more) {
        return member(name, dir).withPropertyValues("embedded.etcd.quota-backend-bytes=" + SMALL_QUOTA,
                "embedded.etcd.upkeep-interval=200ms", "embedded.etcd.auto-compaction-retention=0")
                .withPropertyValues(more);
    }

    /** Overwrites one key with 64 KiB values until etcd refuses for NOSPACE (bounded: far more than the quota holds). */
    private static void fillUntilNoSpace(Client client) {
        String value = "x".repeat(64 * 1024);
        for (int i = 0; i < 200; i++) {
            try {
                put(client, "fill", value);
            } catch (AssertionError refused) {
                assertThat(refused).rootCause().hasMessageContaining("database space exceeded");
                return;
            }
        }
        throw new AssertionError("200 puts of 64 KiB never filled a quota of " + SMALL_QUOTA + " bytes");
    }

    private static void put(Client client, String key, String value) {
        try {
            client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("put " + key, e);
        }
    }

    private static String get(Client client, String key) {
        try {
            return client.getKVClient().get(bytes(key)).get(10, TimeUnit.SECONDS).getKvs().get(0).getValue()
                    .toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError("get " + key, e);
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
        T found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                found = type.cast(t);
            }
        }
        assertThat(found).as("a %s in %s", type.getSimpleName(), failure).isNotNull();
        return found;
    }
}
