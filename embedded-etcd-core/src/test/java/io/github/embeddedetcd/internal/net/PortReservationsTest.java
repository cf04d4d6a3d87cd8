/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ports reserved by one JVM are never handed to another while it lives. */
class PortReservationsTest {

    private static final int BLOCK = PortReservations.BLOCK_SIZE;
    /** Two blocks: the other JVM holds one, this one gets the other and no more. */
    private static final int TWO_BLOCKS_END = PortReservations.LOWEST + 2 * BLOCK;

    @TempDir
    Path dir;

    @Test
    void anotherJvmIsNeverHandedAPortThisOneHolds() throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PortsHolder.class.getName(), dir.toString(),
                Integer.toString(BLOCK), Integer.toString(TWO_BLOCKS_END)).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            Set<Integer> theirs = new HashSet<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                for (int i = 0; i < BLOCK; i++) {
                    theirs.add(Integer.parseInt(lines.readLine()));
                }
                PortReservations ours = new PortReservations(dir, TWO_BLOCKS_END);
                List<Integer> mine = IntStream.range(0, BLOCK).map(i -> ours.next()).boxed().toList();

                assertThat(theirs).hasSize(BLOCK);
                assertThat(mine).doesNotHaveDuplicates().doesNotContainAnyElementsOf(theirs);
                assertThatThrownBy(ours::next).hasMessageContaining("is reserved by a running JVM");
            }
        } finally {
            other.getOutputStream().close(); // the holder exits when its input ends
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSecondCopyInThisJvmIsTreatedAsAnotherJvm() {
        PortReservations first = new PortReservations(dir, PortReservations.ephemeralStart());
        PortReservations second = new PortReservations(dir, PortReservations.ephemeralStart());

        int a = first.next();
        int b = second.next();

        assertThat((a - PortReservations.LOWEST) / BLOCK).isNotEqualTo((b - PortReservations.LOWEST) / BLOCK);
    }

    @Test
    void aPortSomebodyListensOnIsSkipped() throws Exception {
        PortReservations reservations = new PortReservations(dir, PortReservations.ephemeralStart());
        int first = reservations.next();
        try (ServerSocket taken = new ServerSocket(first + 1, 1, InetAddress.getLoopbackAddress())) {
            assertThat(reservations.next()).isNotEqualTo(first + 1).isGreaterThan(first);
        }
    }

    @Test
    void whenEveryBlockIsHeldTheErrorSaysWhereAndWhatToDo() {
        PortReservations holder = new PortReservations(dir, TWO_BLOCKS_END);
        for (int i = 0; i < 2 * BLOCK; i++) {
            holder.next();
        }
        assertThatThrownBy(new PortReservations(dir, TWO_BLOCKS_END)::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is reserved by a running JVM (lock files in " + dir)
                .hasMessageContaining("-Dembedded-etcd.ports.dir");
    }

    /** Another JVM: reserves ports below the given end, prints them one a line, holds them until its input ends. */
    public static final class PortsHolder {
        public static void main(String[] args) throws Exception {
            PortReservations reservations = new PortReservations(Path.of(args[0]), Integer.parseInt(args[2]));
            for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                System.out.println(reservations.next());
            }
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
