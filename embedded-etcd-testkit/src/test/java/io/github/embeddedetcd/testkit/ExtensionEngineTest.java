/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.testkit.jetcd.EtcdClusterExtension;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** The extension as JUnit runs it: fixture classes (nested, so not run on their own) through the real engine. */
class ExtensionEngineTest {

    private static volatile Path dataDirSeen;

    @Test
    void onSuccessCleanupKeepsTheDataOfAFailedTestOnly() throws Exception {
        Events failed = run(FailsWithOnSuccessCleanup.class);
        failed.assertStatistics(stats -> stats.failed(1));
        Path kept = dataDirSeen;
        try {
            assertThat(kept.resolve("node-0/member")).isDirectory();
        } finally {
            TestFiles.deleteTree(kept);
        }

        run(PassesWithOnSuccessCleanup.class).assertStatistics(stats -> stats.succeeded(1));
        assertThat(dataDirSeen).doesNotExist();
    }

    @Test
    void onSuccessCleanupOfAMethodClusterKeepsTheDataOfItsFailedTest() throws Exception {
        run(MethodClusterFailsWithOnSuccessCleanup.class).assertStatistics(stats -> stats.failed(1));
        Path kept = dataDirSeen;
        try {
            assertThat(kept.resolve("node-0/member")).isDirectory();
        } finally {
            TestFiles.deleteTree(kept);
        }
    }

    @Test
    void aParameterizedTestGetsItsArgumentsAndTheCluster() {
        run(ParameterizedWithDeclaredCluster.class).assertStatistics(stats -> stats.succeeded(3).failed(0));
    }

    @Test
    void aRegisteredExtensionResolvesNoParametersLikeJetcdTest() {
        Events events = run(RegisteredExtension.class);

        events.assertStatistics(stats -> stats.succeeded(2).failed(1));
        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(ParameterResolutionException.class))));
    }

    /** As jetcd's ClusterMembersTest: three clusters per test, one for each field. */
    @Test
    void everyRegisteredExtensionOfAClassClosesItsOwnCluster() {
        run(SeveralRegisteredExtensions.class).assertStatistics(stats -> stats.succeeded(2));
        assertThat(SeveralRegisteredExtensions.DATA_DIRS).hasSize(6).allSatisfy(dir -> assertThat(dir).doesNotExist());
        assertThat(SeveralRegisteredExtensions.NODES).hasSize(6).noneMatch(TestNode::isRunning);
    }

    @Test
    void aConfigurerThatCannotBeCreatedFailsTheClassNamingTheFix() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(UncreatableConfigurer.class)).execute()
                .containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message(text -> text.contains("a no-argument constructor")))));
    }

    private static Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute().testEvents();
    }

    /** Its configurer takes an argument, so the extension cannot make one. */
    static final class NeedsAnArgument implements EtcdClusterConfigurer {
        NeedsAnArgument(int nodes) {
        }

        @Override
        public void configure(EtcdTestCluster.Builder builder) {
        }
    }

    @EtcdCluster(nodes = 1, configurer = NeedsAnArgument.class)
    static class UncreatableConfigurer {
        @Test
        void neverRuns() {
        }
    }

    @EtcdCluster(nodes = 1, cleanup = Cleanup.ON_SUCCESS)
    static class FailsWithOnSuccessCleanup {
        @Test
        void fails(EtcdTestCluster cluster) {
            dataDirSeen = cluster.dataDir();
            throw new AssertionError("fails on purpose");
        }
    }

    static class MethodClusterFailsWithOnSuccessCleanup {
        @Test
        @EtcdCluster(nodes = 1, cleanup = Cleanup.ON_SUCCESS)
        void fails(EtcdTestCluster cluster) {
            dataDirSeen = cluster.dataDir();
            throw new AssertionError("fails on purpose");
        }
    }

    @EtcdCluster(nodes = 1, cleanup = Cleanup.ON_SUCCESS)
    static class PassesWithOnSuccessCleanup {
        @Test
        void passes(EtcdTestCluster cluster) {
            dataDirSeen = cluster.dataDir();
        }
    }

    @EtcdCluster(nodes = 1)
    static class ParameterizedWithDeclaredCluster {
        static Stream<Client> clients() {
            return Stream.of(Client.builder().endpoints("http://127.0.0.1:9").build());
        }

        /** A Client argument: the extension must not compete with the argument source for it. */
        @ParameterizedTest
        @MethodSource("clients")
        void takesTheClientItWasGiven(Client client) {
            assertThat(client).isNotNull();
            client.close();
        }

        /** Arguments first, then the cluster from the extension. */
        @ParameterizedTest
        @ValueSource(strings = {"a", "b"})
        void takesTheClusterAfterItsArgument(String key, EtcdTestCluster cluster) throws Exception {
            Kv.put(cluster.client(), key, "1");
            assertThat(Kv.get(cluster.client(), key)).contains("1");
        }
    }

    static class SeveralRegisteredExtensions {
        static final List<Path> DATA_DIRS = new CopyOnWriteArrayList<>();
        static final List<TestNode> NODES = new CopyOnWriteArrayList<>();

        @RegisterExtension
        final EtcdClusterExtension first = EtcdClusterExtension.builder().withNodes(1).withPrefix("a").build();
        @RegisterExtension
        final EtcdClusterExtension second = EtcdClusterExtension.builder().withNodes(1).withPrefix("b").build();
        @RegisterExtension
        final EtcdClusterExtension third = EtcdClusterExtension.builder().withNodes(1).withPrefix("c").build();

        @Test
        void one() {
            record();
        }

        @Test
        void two() {
            record();
        }

        private void record() {
            for (EtcdClusterExtension extension : List.of(first, second, third)) {
                assertThat(extension.testCluster().nodes()).allMatch(TestNode::isRunning);
                DATA_DIRS.add(extension.testCluster().dataDir());
                NODES.addAll(extension.testCluster().nodes());
            }
        }
    }

    static class RegisteredExtension {
        @RegisterExtension
        static final EtcdClusterExtension CLUSTER = EtcdClusterExtension.builder().withNodes(1).build();

        static Stream<Client> clients() {
            return Stream.of(Client.builder().target("cluster://" + CLUSTER.clusterName()).build());
        }

        @ParameterizedTest
        @MethodSource("clients")
        void writesThroughTheClientItWasGiven(Client client) throws Exception {
            try (client) {
                Kv.put(client, "k", "v");
                assertThat(List.of(Kv.get(client, "k").orElseThrow())).containsExactly("v");
            }
        }

        @Test
        void seesTheClusterThroughTheExtension() {
            assertThat(CLUSTER.clientEndpoints()).hasSize(1);
        }

        @Test
        void cannotTakeTheClusterAsAParameter(EtcdTestCluster cluster) {
            throw new AssertionError("a registered extension must resolve no parameters, got " + cluster);
        }
    }
}
