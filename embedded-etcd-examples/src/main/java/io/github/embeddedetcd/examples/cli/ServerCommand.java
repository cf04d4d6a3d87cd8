/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code server [CONFIG]}: start this member and keep it running until SIGINT/SIGTERM. */
@Command(name = "server", description = "Start this member — a new cluster, a restart from its data dir, or the "
        + "start after 'join' — serve its live page and /members, and run until Ctrl-C.")
final class ServerCommand implements Callable<Integer> {

    @Mixin
    MemberOptions member;

    @Override
    public Integer call() throws InterruptedException {
        return new RunningMember().run(member, etcd -> etcd.start());
    }
}
