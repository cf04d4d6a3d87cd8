/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.bench.suite.SuiteClasses;
import io.github.embeddedetcd.testkit.EtcdCluster;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Test-suite throughput: twenty test classes of three tests each, run through the JUnit launcher
 * in this JVM, with one shared three-node cluster ({@code @EtcdCluster(nodes = 3, shared = true)})
 * and with sharing turned off ({@link EtcdCluster#SHARED_PARAMETER}), a cluster per class, against
 * twenty bare three-node bootstraps. Each suite's time outside its tests is also given in bare
 * bootstraps: what the twenty classes cost in cluster starts.
 */
final class SuiteBenchmark {

    private static final int EXPECTED_TESTS = 60;
    private static final String TEST_TIMEOUT = "60 s";

    private final int runs;

    SuiteBenchmark(int runs) {
        this.runs = runs;
    }

    void run() throws Exception {
        List<Double> bareStarts = new ArrayList<>();
        List<Double> bareSuites = new ArrayList<>();
        List<SuiteRun> own = new ArrayList<>();
        List<SuiteRun> shared = new ArrayList<>();
        // a warm-up round: the launcher, the engine and the testkit load once per JVM, as in a build
        runSuite(true);
        for (int i = 0; i < runs; i++) {
            double bareSuite = 0;
            for (int c = 0; c < SuiteClasses.CLASSES.size(); c++) {
                double start = BareCluster.timedStart(3);
                bareStarts.add(start);
                bareSuite += start;
            }
            bareSuites.add(bareSuite);
            own.add(runSuite(false));
            shared.add(runSuite(true));
        }
        double bareStart = Stats.of(bareStarts).median();
        System.out.printf(Locale.ROOT, "%nTest suite, 20 classes × 3 tests, 3 nodes (%d runs, medians; one bare "
                + "3-node bootstrap: %s; 20 of them: %s):%n", runs, Stats.of(bareStarts).millis(), Stats.of(bareSuites).millis());
        System.out.println("| suite | total | in the tests | the rest: clusters, JUnit | the rest in bare 3-node bootstraps | target |");
        System.out.println("|---|---|---|---|---|---|");
        row("a cluster per class (`" + EtcdCluster.SHARED_PARAMETER + "=false`)", own, bareStart, "—");
        row("one shared cluster (`shared = true`)", shared, bareStart, "≤ 2");
    }

    private static void row(String what, List<SuiteRun> suiteRuns, double bareStart, String target) {
        Stats rest = Stats.of(suiteRuns.stream().map(SuiteRun::outsideTestsMillis).toList());
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.1f | %s |%n", what,
                Stats.of(suiteRuns.stream().map(SuiteRun::totalMillis).toList()).millis(),
                Stats.of(suiteRuns.stream().map(SuiteRun::inTestsMillis).toList()).millis(),
                rest.millis(), rest.median() / bareStart, target);
    }

    /** One run of the twenty classes: its wall time, and the time spent inside the tests themselves. */
    private record SuiteRun(double totalMillis, double inTestsMillis) {
        double outsideTestsMillis() {
            return totalMillis - inTestsMillis;
        }
    }

    /** Adds up how long the tests themselves took, from their start to their end (callbacks and parameters included). */
    private static final class TestTime implements TestExecutionListener {
        private final Map<TestIdentifier, Long> started = new ConcurrentHashMap<>();
        private final DoubleAdder millis = new DoubleAdder();

        @Override
        public void executionStarted(TestIdentifier test) {
            if (test.isTest()) {
                started.put(test, System.nanoTime());
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            Long start = started.remove(test);
            if (start != null) {
                millis.add(Stats.millisSince(start));
            }
        }
    }

    /** Runs the classes through the JUnit launcher, sharing their cluster or not; fails unless all 60 tests passed. */
    private static SuiteRun runSuite(boolean shared) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        TestTime inTests = new TestTime();
        DiscoverySelector[] selectors = SuiteClasses.CLASSES.stream().map(DiscoverySelectors::selectClass)
                .toArray(DiscoverySelector[]::new);
        long start = System.nanoTime();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .configurationParameter(EtcdCluster.SHARED_PARAMETER, Boolean.toString(shared))
                // every test and lifecycle method bounded: a hung cluster fails the run instead of hanging it
                .configurationParameter("junit.jupiter.execution.timeout.default", TEST_TIMEOUT)
                .build(), listener, inTests);
        double millis = Stats.millisSince(start);
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTestsSucceededCount() != EXPECTED_TESTS) {
            StringWriter failures = new StringWriter();
            summary.printFailuresTo(new PrintWriter(failures), 5);
            throw new IllegalStateException("the suite passed " + summary.getTestsSucceededCount() + " of "
                    + EXPECTED_TESTS + " tests; failures:\n" + failures);
        }
        return new SuiteRun(millis, inTests.millis.sum());
    }
}
