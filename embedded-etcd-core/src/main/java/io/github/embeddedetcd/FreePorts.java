/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.internal.net.PortReservations;

/**
 * Free TCP ports on 127.0.0.1 for members started on loopback, in tests, benchmarks and tools. A
 * port handed out here is handed to nobody else who takes ports here — this JVM or another one on the
 * machine, such as a second test JVM of the same build — while this JVM lives: each JVM reserves blocks
 * of ports with file locks (in {@code java.io.tmpdir}, or the directory named by the system property
 * {@code embedded-etcd.ports.dir}). Ports come from below the kernel's ephemeral range, where no
 * outgoing connection can take one before etcd binds it.
 */
public final class FreePorts {

    private static final PortReservations RESERVATIONS = PortReservations.forThisMachine();

    private FreePorts() {
    }

    /**
     * A port on 127.0.0.1, free now, that no other caller of this method on this machine is handed while
     * this JVM runs.
     *
     * @throws IllegalStateException when no port can be reserved (the message says why and what to do)
     */
    public static int next() {
        return RESERVATIONS.next();
    }
}
