/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.examples.http.HttpSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code remove ENDPOINT NAME [CONFIG]}: remove a member by name. */
@Command(name = "remove", description = "Remove the member NAME from the cluster at ENDPOINT (a client or peer URL). "
        + "An unknown name is an error that lists the members.")
final class RemoveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ENDPOINT", converter = EndpointUrls.Converter.class,
            description = "URL of a member of the cluster.")
    EndpointUrls endpoint;

    @Parameters(index = "1", paramLabel = "NAME", description = "Name of the member to remove.")
    String name;

    @Parameters(index = "2", arity = "0..1", paramLabel = "CONFIG", description = "Config file; its timeouts, "
            + "client TLS and user are used (the options override them).")
    Path config;

    @Mixin
    AccessOptions access;

    @Override
    public Integer call() {
        EtcdConfig settings = (config == null ? EtcdConfig.builder()
                : ConfigFile.read(config, HttpSettings.KEYS).settings()).build();
        Member removed = access.admin(endpoint, settings).remove(name);
        System.out.println("Removed member '" + name + "' (" + removed.idHex() + ") from the cluster.");
        return 0;
    }
}
