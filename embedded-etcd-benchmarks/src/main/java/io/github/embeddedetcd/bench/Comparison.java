package io.github.embeddedetcd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Paired measurements of the library and of bare etcd, taken alternately in the same run. */
final class Comparison {

    private final String what;
    private final String target;
    private final List<Double> library = new ArrayList<>();
    private final List<Double> bare = new ArrayList<>();
    private final List<Double> ratios = new ArrayList<>();

    Comparison(String what, String target) {
        this.what = what;
        this.target = target;
    }

    void add(double libraryMillis, double bareMillis) {
        library.add(libraryMillis);
        bare.add(bareMillis);
        ratios.add(libraryMillis / bareMillis);
    }

    static void printHeader() {
        System.out.println("| measurement | library | bare etcd | ratio library / bare | target |");
        System.out.println("|---|---|---|---|---|");
    }

    void print() {
        Stats r = Stats.of(ratios);
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f× (%.2f–%.2f) | %s |%n", what, Stats.of(library).millis(),
                Stats.of(bare).millis(), r.median(), r.min(), r.max(), target);
    }
}
