/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.TransportSecurity;
import io.github.embeddedetcd.examples.http.HttpSettings;
import io.github.embeddedetcd.examples.http.EventTimeline;
import io.github.embeddedetcd.examples.http.MembersHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code demo}: the seed walkthrough on one machine. Members get their own loopback address
 * (127.0.0.1, .2, .3 …) and etcd's usual ports 2379/2380, like the walkthrough's hosts: the first
 * starts a cluster, each other joins as a learner and is promoted; each serves its live page.
 */
@Command(name = "demo", description = "Start a local HA cluster of N embedded members on 127.0.0.1, 127.0.0.2, … "
        + "(each on 2379/2380): the first starts the cluster, the others join as learners and are promoted. "
        + "Serves each member's live page on port 3000 of its address (HTTPS with --tls). Ctrl-C stops everything.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "3", description = "Number of members, 1 to 9 (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--base-address", defaultValue = "127.0.0.1", paramLabel = "IP",
            description = "Loopback address of the first member; the others count up from it (default: ${DEFAULT-VALUE}).")
    String baseAddress;

    @Option(names = "--http-port", defaultValue = "3000", description = "Port of each member's live page (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--tls", description = "Encrypt client, peer and live-page traffic with etcd's auto-tls: each member "
            + "makes a self-signed certificate, so traffic is encrypted but no certificate is verified.")
    boolean tls;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the members' data here (default: a temporary directory removed at exit).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    private final List<EmbeddedEtcd> members = Collections.synchronizedList(new ArrayList<>());
    private final List<MembersHttpServer> pages = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Integer call() throws Exception {
        List<String> hosts = hosts();
        Path root = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("etcd-embedded-demo");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll(root);
            stopped.countDown();
        }, "etcd-embedded-demo-stop"));

        EmbeddedEtcd first = null;
        for (int i = 0; i < hosts.size(); i++) {
            EventTimeline timeline = new EventTimeline();
            EmbeddedEtcd member = EmbeddedEtcd.builder().config(config(i + 1, hosts.get(i), root)).listener(timeline)
                    .build();
            HttpSettings page = new HttpSettings(hosts.get(i), httpPort, tls);
            members.add(member);
            long began = System.nanoTime();
            if (first == null) {
                step(i, "starting " + member.name() + " on " + hosts.get(i) + " as a new cluster");
                first = member.start();
            } else {
                step(i, member.name() + " on " + hosts.get(i) + " joins via " + first.clientEndpoints().get(0)
                        + " as a learner, then waits for promotion");
                member.join(first.clientEndpoints().toArray(URI[]::new));
            }
            System.out.printf("      ready as a voter in %d ms%n", (System.nanoTime() - began) / 1_000_000);
            pages.add(MembersHttpServer.start(member, page, timeline));
            System.out.print(MemberTable.render(first.members()));
        }
        System.out.println();
        System.out.println("Live page: " + pages.get(0).url() + "   members: " + pages.get(0).url() + "members");
        System.out.println("Try: etcdctl --endpoints=" + String.join(",", hosts.stream().map(h -> scheme() + "://" + h + ":2379")
                .toList()) + (tls ? " --insecure-skip-tls-verify" : "") + " member list -w table");
        if (tls) {
            System.out.println("TLS: etcd's auto-tls (self-signed certificates): encrypted, not authenticated; "
                    + "curl needs -k, browsers ask you to accept the certificate.");
        }
        System.out.println("Ctrl-C stops all members.");
        stopped.await();
        return 0;
    }

    private List<String> hosts() throws IOException {
        if (nodes < 1 || nodes > 9) {
            throw new ParameterException(spec.commandLine(), "--nodes must be from 1 to 9, got " + nodes);
        }
        byte[] base = InetAddress.getByName(baseAddress).getAddress();
        if (base.length != 4 || base[0] != 127 || (base[3] & 0xff) + nodes > 255) {
            throw new ParameterException(spec.commandLine(), "--base-address must be an IPv4 loopback address "
                    + "(127.x.y.z) with room for " + nodes + " members above it, got " + baseAddress);
        }
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            hosts.add((base[0] & 0xff) + "." + (base[1] & 0xff) + "." + (base[2] & 0xff) + "." + ((base[3] & 0xff) + i));
        }
        return hosts;
    }

    private EtcdConfig config(int index, String host, Path root) {
        TransportSecurity security = tls ? TransportSecurity.NONE.withAutoTls(true) : TransportSecurity.NONE;
        return EtcdConfig.builder()
                .name("node-" + index)
                .dataDir(root.resolve("node-" + index))
                .clientUrl(URI.create(scheme() + "://" + host + ":2379"))
                .peerUrl(URI.create(scheme() + "://" + host + ":2380"))
                .clientTransportSecurity(security)
                .peerTransportSecurity(security)
                .build();
    }

    private String scheme() {
        return tls ? "https" : "http";
    }

    private void step(int index, String what) {
        System.out.printf("[%d/%d] %s%n", index + 1, nodes, what);
    }

    private void stopAll(Path root) {
        synchronized (pages) {
            pages.forEach(MembersHttpServer::close);
        }
        synchronized (members) {
            EmbeddedEtcd.closeAll(members);
        }
        if (dataDir == null) {
            deleteData(root);
        }
    }

    /** The demo's own temporary directory: each member's data, then the emptied directory. */
    private void deleteData(Path root) {
        try {
            synchronized (members) {
                members.forEach(EmbeddedEtcd::deleteData);
            }
            Files.deleteIfExists(root);
        } catch (IOException | RuntimeException e) {
            System.err.println("etcd-embedded: could not delete " + root + ": " + e.getMessage());
        }
    }
}
