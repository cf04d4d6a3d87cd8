/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.config.EtcdConfig;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Members of one test cluster in this JVM, closed together. */
public final class LocalCluster implements AutoCloseable {

    private final Path dir;
    private final String host;
    private final boolean fixedPorts;
    private final List<EmbeddedEtcd> members = new ArrayList<>();

    /** Members on 127.0.0.1 with distinct free ports. */
    public static LocalCluster onFreePorts(Path dir) {
        return new LocalCluster(dir, null, false);
    }

    /** Members on 127.0.0.{base+i}, each on 2379/2380, like separate hosts. */
    public static LocalCluster onLoopbackHosts(Path dir, String hostPrefix) {
        return new LocalCluster(dir, hostPrefix, true);
    }

    private LocalCluster(Path dir, String host, boolean fixedPorts) {
        this.dir = dir;
        this.host = host;
        this.fixedPorts = fixedPorts;
    }

    /** A not yet started member; {@code index} picks the host in loopback-hosts mode. */
    public EmbeddedEtcd member(String name, int index, MembershipListener listener, UnaryOperator<EtcdConfig.Builder> tweak) {
        EtcdConfig.Builder config = TestNodes.config(name, dir.resolve(name))
                .joinTimeout(Waits.RECONFIGURATION.multipliedBy(2)); // one learner at a time: a join may wait for another
        if (fixedPorts) {
            config.clientUrl(URI.create("http://" + host + index + ":2379"))
                    .peerUrl(URI.create("http://" + host + index + ":2380"));
        }
        EmbeddedEtcd.Builder builder = EmbeddedEtcd.builder().config(tweak.apply(config).build())
                .serviceLoaderListeners(false);
        if (listener != null) {
            builder.listener(listener);
        }
        EmbeddedEtcd member = builder.build();
        members.add(member);
        return member;
    }

    public EmbeddedEtcd member(String name, int index) {
        return member(name, index, null, c -> c);
    }

    /** Members n1 (started first), n2 and n3 (joined through n1), all voters. */
    public List<EmbeddedEtcd> threeVoters() {
        EmbeddedEtcd n1 = member("n1", 1).start();
        return List.of(n1, member("n2", 2).join(endpoints(n1)), member("n3", 3).join(endpoints(n1)));
    }

    public static URI[] endpoints(EmbeddedEtcd member) {
        return member.clientEndpoints().toArray(URI[]::new);
    }

    public static long idOf(EmbeddedEtcd observer, String name) {
        return observer.members().stream().filter(m -> m.name().equals(name)).mapToLong(Member::id).findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        members.forEach(EmbeddedEtcd::close);
    }
}
