/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.config.ForceNewCluster;
import io.github.embeddedetcd.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code server [CONFIG]}: start this member and keep it running until SIGINT/SIGTERM. */
@Command(name = "server", description = "Start this member — a new cluster, a restart from its data dir, or the "
        + "start after 'join' — serve its live page and /members, and run until Ctrl-C.")
final class ServerCommand implements Callable<Integer> {

    @Mixin
    MemberOptions member;

    @Option(names = "--restore", paramLabel = "SNAPSHOT", description = "At the first start, build a new one-member "
            + "cluster from this snapshot in the empty data dir (embedded.restore-from); a later start runs on it.")
    Path restore;

    @Option(names = "--force-new-cluster", description = "After losing the majority for good: reset the cluster to "
            + "this member alone on its own data, once (embedded.force-new-cluster). Refused while a majority of the old "
            + "members answers. 'survivors' tells which member has the newest data.")
    boolean forceNewCluster;

    @Option(names = "--insist", description = "With --force-new-cluster: reset even while old members answer.")
    boolean insist;

    @Override
    public Integer call() throws InterruptedException {
        if (restore != null) {
            member.configure(c -> c.set(Settings.RESTORE_FROM, restore));
        }
        if (insist && !forceNewCluster) {
            System.err.println("etcd-embedded: --insist goes with --force-new-cluster, which it was given without.");
            return 2;
        }
        if (forceNewCluster) {
            member.configure(c -> c.set(Settings.FORCE_NEW_CLUSTER, insist ? ForceNewCluster.INSIST
                    : ForceNewCluster.IF_MAJORITY_LOST));
        }
        return new RunningMember().run(member, etcd -> etcd.start());
    }
}
