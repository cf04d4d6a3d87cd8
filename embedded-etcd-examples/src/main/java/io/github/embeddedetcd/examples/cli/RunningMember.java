/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MembershipListener;
import io.github.embeddedetcd.examples.http.HttpSettings;
import io.github.embeddedetcd.examples.http.EventTimeline;
import io.github.embeddedetcd.examples.http.MembersHttpServer;

import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * Runs a started member with its HTTP service until SIGINT/SIGTERM, or until the member stops by
 * itself (removed from the cluster: exit 0; etcd died: exit 1).
 */
final class RunningMember {

    private volatile boolean removed;
    private volatile boolean stopRequested;

    /** Builds the member with a listener that notices its removal, starts it with {@code starter}, and serves it. */
    int run(MemberOptions member, UnaryOperator<EmbeddedEtcd> starter) throws InterruptedException {
        EmbeddedEtcd.Builder builder = member.builder();
        HttpSettings http = member.http();
        EventTimeline timeline = new EventTimeline();
        EmbeddedEtcd etcd = builder.listener(timeline).listener(new MembershipListener() {
            @Override
            public void thisMemberRemoved(Member self) {
                removed = true;
            }
        }).build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested = true;
            etcd.close();
        }, "etcd-embedded-stop"));
        starter.apply(etcd);
        try (MembersHttpServer page = MembersHttpServer.start(etcd, http, timeline)) {
            System.out.println("etcd member '" + etcd.name() + "' is running: clients " + etcd.clientEndpoints()
                    + ", live page " + page.url() + ". Ctrl-C stops it.");
            etcd.onStop().get();
        } catch (ExecutionException e) {
            return 1;
        }
        if (stopRequested) {
            return 0;
        }
        if (removed) {
            System.out.println("etcd member '" + etcd.name() + "' was removed from the cluster and has stopped.");
            return 0;
        }
        System.err.println("etcd-embedded: etcd member '" + etcd.name() + "' stopped unexpectedly; see the log above.");
        return 1;
    }
}
