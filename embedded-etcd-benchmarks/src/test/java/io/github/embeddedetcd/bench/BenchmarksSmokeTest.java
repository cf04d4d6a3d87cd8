/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The short version of the benchmarks: one run of the quick ones (cold starts, the first call's client and test suites too), checking that they measure and report. */
class BenchmarksSmokeTest {

    @Test
    void oneRunOfTheQuickBenchmarksReportsBothSides() throws Exception {
        String report = report("--runs", "1", "start", "failover", "cold", "first-call", "suite");

        // the row of runs without etcd's bootstrap stall has no figures when the single run stalled
        assertThat(report).contains("| 1 member: start → /health ok |", "| 3 members: start → all healthy |",
                "| failover, 3 members: SIGKILL leader → first successful write |",
                "| application, fresh JVM: launch → start() returned |",
                "| the same, less the application's own logging setup |",
                "| application, fresh JVM: builder().config(path).start() |",
                "| CLI `server`, fresh JVM: launch → /health ok |", "CLI wall time, launch → exit: members ",
                "| a cluster per class (`embedded-etcd.testkit.shared=false`) |", "| one shared cluster (`shared = true`) |",
                "| JSON gateway calls | ", "| jetcd clients | ");
        assertThat(report.lines().filter(line -> line.matches("\\| .* \\| \\d+ ms .* \\| \\d+ ms .*"))).hasSizeBetween(9, 10);
    }

    @Test
    void oneRunOfTheRecoveryBenchmarkReportsBothSides() throws Exception {
        String report = report("--runs", "1", "--data-mb", "1", "recovery");

        assertThat(report).contains("| snapshot of 1 MB: `snapshot(path)` vs `etcdctl snapshot save` |",
                "| quorum loss: command → first acknowledged write, vs bare `etcd --force-new-cluster` |",
                "| restore + start of 3 members (1 MB): library vs restore tool on each + static bare starts |",
                "| restore + start of 3 members (1 MB): library vs the same steps by hand",
                "| p99 write latency (1 MB): during a follower's `snapshot(path)` vs without one |",
                "| p99 write latency (1 MB): during a follower's `snapshot(path)` vs during its `etcdctl snapshot save` |");
        assertThat(report.lines().filter(line -> line.matches("\\| .* \\| \\d+ ms .* \\| \\d+ ms .*"))).hasSize(6);
    }

    private static String report(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Benchmarks.main(args);
        } finally {
            System.setOut(original);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        original.print(report);
        return report;
    }

    @Test
    void anUnknownBenchmarkIsNamed() {
        assertThatThrownBy(() -> Benchmarks.main(new String[] {"nope"}))
                .hasMessageContaining("unknown benchmark 'nope'; known: start, promotion, failover, idle");
    }
}
