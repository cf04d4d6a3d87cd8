/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EtcdAdmin;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A member's first look at its cluster in a fresh JVM, the way its start makes it (the member list,
 * then the local member's status), by one of two clients: {@code gateway} (the library's calls to
 * etcd's JSON gateway, through {@code EtcdAdmin}) or {@code jetcd} (jetcd's cluster and maintenance clients, over gRPC).
 * Prints {@value #FIRST_LOOK} and the milliseconds from before the client is made to both
 * answers, then {@value #DONE}. Arguments: the client, then etcd's client URL.
 */
public final class FirstCallApp {

    static final String FIRST_LOOK = "first-look-ms";
    static final String DONE = "done";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private FirstCallApp() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[1]);
        double millis = switch (args[0]) {
            case "gateway" -> throughGateway(url);
            case "jetcd" -> throughJetcd(url);
            default -> throw new IllegalArgumentException("client '" + args[0] + "': gateway or jetcd");
        };
        System.out.println(FIRST_LOOK + " " + millis);
        System.out.println(DONE);
    }

    private static double throughGateway(URI url) {
        long start = System.nanoTime();
        EtcdAdmin admin = EtcdAdmin.builder().endpoints(url).requestTimeout(TIMEOUT).build();
        admin.members();
        admin.status(url);
        return Stats.millisSince(start);
    }

    /** Closing the client after both answers is not counted. */
    private static double throughJetcd(URI url) throws Exception {
        long start = System.nanoTime();
        try (Client client = Client.builder().endpoints(url).build()) {
            client.getClusterClient().listMember().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            client.getMaintenanceClient().statusMember(url.toString()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Stats.millisSince(start);
        }
    }
}
