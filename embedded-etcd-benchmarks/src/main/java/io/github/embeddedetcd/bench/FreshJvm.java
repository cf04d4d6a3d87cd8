/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Runs a main class of this module in a fresh JVM with a minimal application's classpath and reads
 * what it prints: lines {@code <label> <milliseconds>}, then a line saying it is done.
 */
final class FreshJvm {

    private static final long TIMEOUT_SECONDS = 60;

    /** Jars the harness needs (the testkit and its own dependencies), which a minimal application does not have. */
    private static final List<String> HARNESS_ONLY = List.of("embedded-etcd-testkit", "jna-", "bcprov-", "bcpkix-",
            "bcutil-", "junit-", "opentest4j-", "apiguardian-", "assertj-", "byte-buddy-");

    private FreshJvm() {
    }

    /** What one run printed, and the time from the JVM's launch to its done line. */
    record Run(Map<String, Double> millis, double untilDoneMillis) {

        double get(String label) {
            Double value = millis.get(label);
            if (value == null) {
                throw new IllegalStateException("the application printed no '" + label + "' line: " + millis);
            }
            return value;
        }
    }

    static Run run(Class<?> main, String doneLine, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", applicationClasspath(), main.getName()));
        command.addAll(Arrays.asList(args));
        long start = System.nanoTime();
        Process app = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // bounds the wait for its output too: a hung application is ended, which ends its stdout
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> Children.kill(app),
                CompletableFuture.delayedExecutor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        Map<String, Double> values = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(doneLine)) {
                    double millis = Stats.millisSince(start);
                    watchdog.cancel(false);
                    Children.awaitExit(app, TIMEOUT_SECONDS, main.getSimpleName() + ", once done,");
                    return new Run(Map.copyOf(values), millis);
                }
                String[] labelled = line.split(" ", 2);
                if (labelled.length == 2 && labelled[1].matches("[0-9.]+")) {
                    values.put(labelled[0], Double.parseDouble(labelled[1]));
                }
            }
        } finally {
            watchdog.cancel(false);
            if (app.isAlive()) {
                Children.kill(app);
            }
        }
        Children.awaitExit(app, TIMEOUT_SECONDS, main.getSimpleName());
        throw new IllegalStateException(main.getSimpleName() + " exited with code " + app.exitValue() + " before it was "
                + "done, or was not done within " + TIMEOUT_SECONDS + " s; run it by hand to see why: "
                + String.join(" ", command));
    }

    /**
     * A minimal application's classpath: this harness's classpath without what only the harness
     * needs (jars, or a reactor module's classes directory, with a path segment of those names).
     */
    private static String applicationClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> StreamSupport.stream(Path.of(entry).spliterator(), false).map(Path::toString)
                        .noneMatch(segment -> HARNESS_ONLY.stream().anyMatch(segment::startsWith)))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
