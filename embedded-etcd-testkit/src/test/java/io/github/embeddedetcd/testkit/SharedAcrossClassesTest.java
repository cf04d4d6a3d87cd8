/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.testkit.jetcd.EtcdClusterExtension;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** {@code @EtcdCluster(shared = true)} as JUnit runs it: fixture classes through the real engine, one test run each. */
class SharedAcrossClassesTest {

    /** The cluster each fixture class got, by class name, and the keys it found when it started. */
    private static final Map<String, String> CLUSTER_OF = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> KEYS_FOUND_BY = new ConcurrentHashMap<>();
    private static volatile Path keptDataDir;

    @Test
    void classesDeclaringTheSameSharedClusterGetOneClusterEachWithNoKeysOfTheOthers() {
        run(FirstWriter.class, SecondWriter.class).assertStatistics(stats -> stats.succeeded(2).failed(0));

        String cluster = CLUSTER_OF.get("FirstWriter");
        assertThat(CLUSTER_OF.get("SecondWriter")).isEqualTo(cluster);
        assertThat(KEYS_FOUND_BY.get("FirstWriter")).isEmpty();
        assertThat(KEYS_FOUND_BY.get("SecondWriter")).isEmpty();
        // the end of the run closed it
        assertThatThrownBy(() -> EtcdClusterExtension.cluster(cluster)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClusterThatAFailedTestUsedKeepsItsDataAndIsNotLentAgainWhenCleanupSaysSo() throws Exception {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.testclass.order.default", ClassOrderer.OrderAnnotation.class.getName())
                .selectors(selectors(FailsWithOnSuccessCleanup.class, AfterTheFailure.class)).execute().testEvents()
                .assertStatistics(stats -> stats.succeeded(1).failed(1));

        Path kept = keptDataDir;
        try {
            assertThat(CLUSTER_OF.get("AfterTheFailure")).isNotEqualTo(CLUSTER_OF.get("FailsWithOnSuccessCleanup"));
            assertThat(kept.resolve("node-0/member")).isDirectory();
        } finally {
            if (kept != null) {
                TestFiles.deleteTree(kept);
            }
        }
    }

    @Test
    void aParameterValueOtherThanTrueOrFalseIsAnErrorThatSaysWhichValuesAreMeant() {
        EngineTestKit.engine("junit-jupiter").configurationParameter(EtcdCluster.SHARED_PARAMETER, "off")
                .selectors(selectors(FirstWriter.class)).execute().allEvents().assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(m -> m.contains(
                        EtcdCluster.SHARED_PARAMETER + " is 'off'; set it to true or false")))));
        assertThat(CLUSTER_OF).isEmpty();
    }

    @Test
    void theConfigurationParameterTurnsSharingOff() {
        Events events = EngineTestKit.engine("junit-jupiter").configurationParameter(EtcdCluster.SHARED_PARAMETER, "false")
                .selectors(selectors(FirstWriter.class, SecondWriter.class)).execute().testEvents();

        events.assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(CLUSTER_OF.get("SecondWriter")).isNotEqualTo(CLUSTER_OF.get("FirstWriter"));
    }

    @Test
    void anotherShapeGetsAnotherCluster() {
        run(FirstWriter.class, SlowerTimings.class).assertStatistics(stats -> stats.succeeded(2).failed(0));

        assertThat(CLUSTER_OF.get("SlowerTimings")).isNotEqualTo(CLUSTER_OF.get("FirstWriter"));
    }

    @Test
    void aSharedClusterRefusesFaultsAndStaysUsableForTheNextClass() {
        Events events = run(InjectsAFault.class, SecondWriter.class);

        events.assertStatistics(stats -> stats.succeeded(1).failed(1));
        events.assertThatEvents().haveExactly(1, event(test("killsANode"), finishedWithFailure(
                instanceOf(IllegalStateException.class), message(m -> m.contains("Cannot kill node-0: test cluster etcd-test-")
                        && m.contains("is shared by the test classes") && m.contains("remove shared = true")))));
        assertThat(CLUSTER_OF.get("SecondWriter")).isEqualTo(CLUSTER_OF.get("InjectsAFault"));
    }

    private static Events run(Class<?>... fixtures) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectors(fixtures)).execute().testEvents();
    }

    private static DiscoverySelector[] selectors(Class<?>... fixtures) {
        CLUSTER_OF.clear();
        KEYS_FOUND_BY.clear();
        return Arrays.stream(fixtures).map(DiscoverySelectors::selectClass).toArray(DiscoverySelector[]::new);
    }

    private static void record(Class<?> fixture, EtcdTestCluster cluster, Client client) throws Exception {
        CLUSTER_OF.put(fixture.getSimpleName(), cluster.clusterName());
        KEYS_FOUND_BY.put(fixture.getSimpleName(), Kv.localContents(client));
        Kv.put(client, "written-by-" + fixture.getSimpleName(), "yes");
    }

    /** Records the cluster it got and the keys it found, then writes a key of its own. */
    abstract static class Writer {
        @Test
        void writes(EtcdTestCluster cluster, Client client) throws Exception {
            record(getClass(), cluster, client);
        }
    }

    @EtcdCluster(nodes = 1, shared = true)
    static class FirstWriter extends Writer {
    }

    @EtcdCluster(nodes = 1, shared = true)
    static class SecondWriter extends Writer {
    }

    @EtcdCluster(nodes = 1, shared = true, electionMillis = 200)
    static class SlowerTimings extends Writer {
    }

    @EtcdCluster(nodes = 1, shared = true, cleanup = Cleanup.ON_SUCCESS)
    @Order(1)
    static class FailsWithOnSuccessCleanup {
        @Test
        void fails(EtcdTestCluster cluster, Client client) throws Exception {
            record(FailsWithOnSuccessCleanup.class, cluster, client);
            keptDataDir = cluster.dataDir();
            throw new AssertionError("fails on purpose");
        }
    }

    @EtcdCluster(nodes = 1, shared = true, cleanup = Cleanup.ON_SUCCESS)
    @Order(2)
    static class AfterTheFailure extends Writer {
    }

    @EtcdCluster(nodes = 1, shared = true)
    static class InjectsAFault {
        @Test
        void killsANode(EtcdTestCluster cluster, Client client) throws Exception {
            record(InjectsAFault.class, cluster, client);
            cluster.kill(cluster.node(0));
        }
    }
}
