/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every operation of a run, recorded by the threads that made them. */
final class History {

    private final List<Operation> operations = Collections.synchronizedList(new ArrayList<>());

    void record(Operation operation) {
        operations.add(operation);
    }

    List<Operation> operations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }
}
