/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.github.embeddedetcd.EmbeddedEtcd;

import java.nio.file.Path;

/**
 * The smallest application: one {@code EmbeddedEtcd.builder().config(path).start()} in a fresh
 * JVM. Prints {@value #STARTED} once start() has returned, then stops the member and exits.
 */
public final class FirstStartApp {

    static final String STARTED = "started";

    private FirstStartApp() {
    }

    public static void main(String[] args) {
        try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(Path.of(args[0])).start()) {
            System.out.println(STARTED);
            System.out.flush();
        }
    }
}
