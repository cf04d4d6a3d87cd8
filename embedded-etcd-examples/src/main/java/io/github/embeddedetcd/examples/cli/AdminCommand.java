/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EtcdAdmin;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * A command of the form {@code NAME ENDPOINT ARGUMENT [CONFIG]} that administers a running cluster:
 * the endpoint and the optional config file are here, the subclass declares its argument (index 1).
 */
abstract class AdminCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ENDPOINT", converter = EndpointUrls.Converter.class,
            description = "URL of a member of the cluster (several, comma-separated, are tried in order).")
    EndpointUrls endpoint;

    @Parameters(index = "2", arity = "0..1", paramLabel = "CONFIG", description = "Config file; its timeouts, "
            + "client TLS and user are used (the options override them).")
    Path config;

    @Mixin
    AccessOptions access;

    /** An admin for the cluster at the endpoint, with the config file's settings and the options. */
    EtcdAdmin admin() {
        return access.admin(endpoint, config);
    }
}
