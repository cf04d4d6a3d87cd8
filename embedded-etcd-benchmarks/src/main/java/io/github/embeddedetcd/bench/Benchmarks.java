/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmark harness: {@code Benchmarks [--runs N] [--idle-seconds S] [--members M]
 * [--data-mb A,B,...] NAME...} with NAME among start, promotion, failover, idle, cold, first-call, suite. {@code
 * --members} is the cluster size of start, failover and promotion (3; promotion's learner is the
 * last member), {@code --data-mb} the data the cluster holds when promotion's learner joins. Prints Markdown
 * for BENCHMARKS.md. Every benchmark keeps its traffic on loopback and bounds its loops.
 */
public final class Benchmarks {

    private static final String USAGE = "Benchmarks [--runs N] [--idle-seconds S] [--members M] [--data-mb A,B,...] "
            + "start|promotion|failover|idle|cold|first-call|suite|recovery ...";

    private Benchmarks() {
    }

    private static int positive(String[] args, int index) {
        if (index >= args.length || !args[index].matches("[1-9]\\d{0,5}")) {
            throw new IllegalArgumentException("'" + args[index - 1] + "' needs a whole number of at least 1 after it; "
                    + "usage: " + USAGE);
        }
        return Integer.parseInt(args[index]);
    }

    private static List<Integer> sizes(String[] args, int index) {
        if (index >= args.length || !args[index].matches("\\d{1,5}(,\\d{1,5})*")) {
            throw new IllegalArgumentException("'--data-mb' needs sizes in MB after it, e.g. 0,64,256; usage: " + USAGE);
        }
        return Arrays.stream(args[index].split(",")).map(Integer::valueOf).toList();
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        long idleSeconds = 60;
        int members = 3;
        List<Integer> dataMb = List.of(0, 64);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = positive(args, ++i);
                case "--idle-seconds" -> idleSeconds = positive(args, ++i);
                case "--members" -> members = positive(args, ++i);
                case "--data-mb" -> dataMb = sizes(args, ++i);
                default -> names.add(args[i]);
            }
        }
        for (String name : names) {
            switch (name) {
                case "start" -> new StartBenchmark(runs, members).run();
                case "promotion" -> new PromotionBenchmark(runs, members, dataMb).run();
                case "failover" -> new FailoverBenchmark(runs, members).run();
                case "idle" -> new IdleBenchmark(runs, idleSeconds).run();
                case "cold" -> new ColdStartBenchmark(runs).run();
                case "first-call" -> new FirstCallBenchmark(runs).run();
                case "suite" -> new SuiteBenchmark(runs).run();
                case "recovery" -> new RecoveryBenchmark(runs, dataMb).run();
                default -> throw new IllegalArgumentException("unknown benchmark '" + name
                        + "'; known: start, promotion, failover, idle, cold, first-call, suite, recovery");
            }
        }
    }
}
