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
        long start = System.nanoTime();
        switch (args[0]) {
            case "gateway" -> {
                EtcdAdmin admin = EtcdAdmin.builder().endpoints(url).requestTimeout(TIMEOUT).build();
                admin.members();
                admin.status(url);
            }
            case "jetcd" -> {
                try (Client client = Client.builder().endpoints(url).build()) {
                    client.getClusterClient().listMember().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    client.getMaintenanceClient().statusMember(url.toString()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    System.out.println(FIRST_LOOK + " " + Stats.millisSince(start));
                }
                System.out.println(DONE);
                return;
            }
            default -> throw new IllegalArgumentException("client '" + args[0] + "': gateway or jetcd");
        }
        System.out.println(FIRST_LOOK + " " + Stats.millisSince(start));
        System.out.println(DONE);
    }
}
