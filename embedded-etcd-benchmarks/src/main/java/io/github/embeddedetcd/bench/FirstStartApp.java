/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.EmbeddedEtcd;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The smallest application: it sets up its logging, as applications do before they start their
 * parts, then calls {@code EmbeddedEtcd.builder().config(path).start()} once in a fresh JVM. Prints
 * {@value #LOGGING_SETUP} and the milliseconds its logging setup took, then {@value #STARTED} once
 * start() has returned; then it stops the member and exits.
 */
public final class FirstStartApp {

    static final String LOGGING_SETUP = "logging-setup-ms";
    static final String STARTED = "started";

    private FirstStartApp() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        LoggerFactory.getLogger(FirstStartApp.class).info("starting etcd");
        System.out.println(LOGGING_SETUP + " " + Stats.millisSince(start));
        try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(Path.of(args[0])).start()) {
            System.out.println(STARTED);
            System.out.flush();
        }
    }
}
