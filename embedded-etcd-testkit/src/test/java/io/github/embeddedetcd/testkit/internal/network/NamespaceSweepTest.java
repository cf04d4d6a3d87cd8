/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.network;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Leftovers of a crashed run — bridge, namespace, a process inside — are swept by the next run. */
class NamespaceSweepTest {

    @Test
    void leftoversOfADeadJvmAreSwept() throws Exception {
        assumeTrue(canMakeNamespaces(), "needs root or CAP_NET_ADMIN for network namespaces");
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor(5, TimeUnit.SECONDS);
        String bridge = "eetk249";
        String namespace = "eetk249-0";
        Commands.run("ip", "link", "add", bridge, "type", "bridge");
        Commands.run("ip", "link", "set", "dev", bridge, "alias", "embedded-etcd-testkit pid=" + dead.pid());
        Commands.run("ip", "netns", "add", namespace);
        Process inside = new ProcessBuilder("ip", "netns", "exec", namespace, "sleep", "60").start();
        try {
            NamespaceNetwork.sweepLeftovers();

            assertThat(Commands.run("ip", "link", "show", "type", "bridge")).doesNotContain(bridge + ":");
            assertThat(Commands.run("ip", "netns", "list")).doesNotContain(namespace);
            assertThat(inside.waitFor(5, TimeUnit.SECONDS)).as("the process left in the namespace is killed").isTrue();
        } finally {
            inside.destroyForcibly();
        }
    }

    private static boolean canMakeNamespaces() {
        try {
            Commands.run("ip", "netns", "add", "eetk-sweep-probe");
            Commands.run("ip", "netns", "del", "eetk-sweep-probe");
            return true;
        } catch (Commands.CommandException e) {
            return false;
        }
    }
}
