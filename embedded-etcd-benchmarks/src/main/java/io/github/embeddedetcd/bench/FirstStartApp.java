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
 * parts, then reads a config file and starts a member from it in one call in a fresh JVM
 * ({@code EmbeddedEtcd.builder().config(path).start()}). Prints {@value #LOGGING_SETUP} and the
 * milliseconds its logging setup took, {@value #START_CALL} and those of that call (the config
 * file's reading included), then {@value #STARTED}; then it stops the member and exits.
 */
public final class FirstStartApp {

    static final String LOGGING_SETUP = "logging-setup-ms";
    static final String START_CALL = "start-call-ms";
    static final String STARTED = "started";

    private FirstStartApp() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        LoggerFactory.getLogger(FirstStartApp.class).info("starting etcd");
        System.out.println(LOGGING_SETUP + " " + Stats.millisSince(start));
        long call = System.nanoTime();
        EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(Path.of(args[0])).start();
        try (etcd) {
            System.out.println(START_CALL + " " + Stats.millisSince(call));
            System.out.println(STARTED);
            System.out.flush();
        }
    }
}
