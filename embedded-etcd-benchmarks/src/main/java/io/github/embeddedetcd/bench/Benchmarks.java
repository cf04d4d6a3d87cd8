package io.github.embeddedetcd.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the benchmark harness: {@code Benchmarks [--runs N] NAME...}. Prints Markdown
 * for BENCHMARKS.md. Every benchmark keeps its traffic on loopback and bounds its loops.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else {
                names.add(args[i]);
            }
        }
        for (String name : names) {
            switch (name) {
                case "promotion" -> new PromotionBenchmark(runs).run();
                default -> throw new IllegalArgumentException("unknown benchmark '" + name + "'; known: promotion");
            }
        }
    }
}
