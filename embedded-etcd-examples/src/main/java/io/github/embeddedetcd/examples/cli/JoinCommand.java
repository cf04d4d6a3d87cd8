/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.JoinRegistration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code join ENDPOINT [CONFIG]}: register this member as a learner; {@code --start} also runs it. */
@Command(name = "join", description = "Add this member to the cluster at ENDPOINT as a learner and record the join "
        + "in its data dir; 'server CONFIG' then starts it and the leader promotes it. ENDPOINT may be a member's "
        + "client URL (:2379) or peer URL (:2380), or several, comma-separated.")
final class JoinCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ENDPOINT", converter = EndpointUrls.Converter.class,
            description = "URL of an existing member.")
    EndpointUrls endpoint;

    @Mixin
    MemberOptions member;

    @Option(names = "--start", description = "Also start the member now and run it until Ctrl-C (one process).")
    boolean start;

    @Override
    public Integer call() throws InterruptedException {
        URI[] endpoints = Endpoints.resolve(endpoint, member.settings().clientTls()).toArray(URI[]::new);
        if (start) {
            return new RunningMember().run(member, etcd -> etcd.join(endpoints));
        }
        EmbeddedEtcd etcd = member.builder().build();
        JoinRegistration registration = etcd.register(endpoints);
        System.out.printf("Join successful: member '%s' (id %s, peer %s) added as a learner via %s.%n",
                etcd.name(), registration.memberIdHex(), etcd.config().initialAdvertisePeerUrls(), List.of(endpoints));
        System.out.println("Start it with: etcd-embedded server" + (member.config == null ? "" : " " + member.config));
        return 0;
    }
}
