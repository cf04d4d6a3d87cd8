/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import com.sun.management.OperatingSystemMXBean;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import io.github.embeddedetcd.testkit.TestNode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Idle overhead of supervising 3 members: over a quiet window that starts 30 s after the cluster
 * (once the JIT has compiled the hot paths), this JVM's CPU (as a share of one
 * core), its heap after a full GC, and its thread count at the start and end of the window; and
 * the CPU the three etcd processes use, supervised against bare (the library polls membership).
 */
final class IdleBenchmark {

    /** JIT compilation of a fresh JVM is warm-up, not steady overhead: the window starts after it. */
    private static final long SETTLE_MILLIS = 30_000;
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final int runs;
    private final long seconds;

    IdleBenchmark(int runs, long seconds) {
        this.runs = runs;
        this.seconds = seconds;
    }

    void run() throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> jvmCpu = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        List<Double> jit = new ArrayList<>();
        Comparison etcdCpu = new Comparison("etcd CPU over " + seconds + " s, 3 members idle (ms)", "—");
        for (int i = 0; i < runs; i++) {
            long libraryEtcdCpu;
            try (EtcdTestCluster cluster = Configs.testkitCluster(3).start()) {
                Thread.sleep(SETTLE_MILLIS);
                List<Long> pids = cluster.nodes().stream().map(TestNode::member).map(m -> m.pid()).toList();
                long etcdBefore = cpuMillis(pids);
                long jvmBefore = os.getProcessCpuTime();
                long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                int threadsBefore = Thread.activeCount();
                Thread.sleep(seconds * 1000);
                long jvmUsed = os.getProcessCpuTime() - jvmBefore;
                jit.add(100.0 * (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore) / (seconds * 1e3));
                libraryEtcdCpu = cpuMillis(pids) - etcdBefore;
                threads.add(threadsBefore + "→" + Thread.activeCount());
                jvmCpu.add(100.0 * jvmUsed / (seconds * 1e9));
                System.gc();
                heap.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0);
            }
            // bare etcd is measured once the library's cluster is gone: both sides have the cores to themselves
            etcdCpu.add(libraryEtcdCpu, bareEtcdCpu());
        }
        Stats cpu = Stats.of(jvmCpu);
        Stats mb = Stats.of(heap);
        System.out.println("| measurement | result | target |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| JVM CPU while supervising 3 idle members, %d s | %.2f%% of a core (%.2f–%.2f) | ≤ 1%% |%n",
                seconds, cpu.median(), cpu.min(), cpu.max());
        Stats compiling = Stats.of(jit);
        System.out.printf(Locale.ROOT, "| … of which JIT compilation still going on | %.2f%% (%.2f–%.2f) | — |%n",
                compiling.median(), compiling.min(), compiling.max());
        System.out.printf(Locale.ROOT, "| heap after GC | %.1f MB (%.1f–%.1f) | ≤ 32 MB |%n", mb.median(), mb.min(), mb.max());
        System.out.printf("| threads at start → end of each window | %s | stable |%n%n", String.join(", ", threads));
        Comparison.printHeader();
        etcdCpu.print();
    }

    private double bareEtcdCpu() throws Exception {
        try (BareCluster cluster = BareCluster.start(3)) {
            Thread.sleep(SETTLE_MILLIS);
            List<Long> pids = cluster.members().stream().map(BareEtcd::pid).toList();
            long before = cpuMillis(pids);
            Thread.sleep(seconds * 1000);
            return cpuMillis(pids) - before;
        }
    }

    /** utime + stime of the processes, from /proc, in milliseconds. */
    private static long cpuMillis(List<Long> pids) throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    }
}
