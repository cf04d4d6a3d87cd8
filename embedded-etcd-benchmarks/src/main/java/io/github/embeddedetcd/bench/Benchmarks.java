package io.github.embeddedetcd.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the benchmark harness: {@code Benchmarks [--runs N] [--idle-seconds S] NAME...}
 * with NAME among start, promotion, failover, idle. Prints Markdown
 * for BENCHMARKS.md. Every benchmark keeps its traffic on loopback and bounds its loops.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        long idleSeconds = 60;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--idle-seconds" -> idleSeconds = Long.parseLong(args[++i]);
                default -> names.add(args[i]);
            }
        }
        for (String name : names) {
            switch (name) {
                case "start" -> new StartBenchmark(runs).run();
                case "promotion" -> new PromotionBenchmark(runs).run();
                case "failover" -> new FailoverBenchmark(runs).run();
                case "idle" -> new IdleBenchmark(runs, idleSeconds).run();
                default -> throw new IllegalArgumentException("unknown benchmark '" + name
                        + "'; known: start, promotion, failover, idle");
            }
        }
    }
}
