/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.examples.http.MemberView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code members}: the member list, like {@code etcdctl member list} plus leader and status. */
@Command(name = "members", description = "List the members, like 'etcdctl member list', with learner, started "
        + "and leader columns.")
final class MembersCommand implements Callable<Integer> {

    enum Format { table, json }

    @Option(names = "--endpoints", defaultValue = "http://127.0.0.1:2379", paramLabel = "URLS",
            converter = EndpointUrls.Converter.class,
            description = "Client (or peer) URLs of members, comma-separated (default: ${DEFAULT-VALUE}).")
    EndpointUrls endpoints;

    @Mixin
    AccessOptions access;

    @Option(names = {"-w", "--write-out"}, defaultValue = "table", paramLabel = "FORMAT",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
        List<Member> members = access.admin(endpoints, EtcdConfig.builder().build()).members();
        if (format == Format.json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(MemberView.of(members)));
        } else {
            System.out.print(MemberTable.render(members));
        }
        return 0;
    }
}
