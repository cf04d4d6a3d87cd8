/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.network;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One network namespace per node on a bridge of its own: cluster {@code c} gets bridge
 * {@code eetk<c>} with 198.18.c.254/24, and node {@code i} namespace {@code eetk<c>-<i>} with
 * 198.18.c.(i+1) on etcd's usual ports. Names carry the {@code eetk} prefix and the bridge's alias
 * records the owning JVM's pid, so leftovers of a crashed run are swept before the next one.
 * Partitions are blackhole routes inside the namespaces. Delay and loss act on the packets a node
 * receives: an {@code iptables} NFQUEUE rule in its namespace hands them to a {@link PacketShaper}
 * in this JVM, which works on kernels without {@code tc netem} (many CI kernels have none).
 */
public final class NamespaceNetwork implements NodeNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceNetwork.class);
    private static final String PREFIX = "eetk";
    private static final String ALIAS = "embedded-etcd-testkit pid=";
    private static final Pattern OWNER = Pattern.compile("alias " + Pattern.quote(ALIAS) + "(\\d+)");
    private static final int MAX_CLUSTERS = 250;
    private static final String NETNS_DIR = "/var/run/netns";
    private static final int SHAPER_QUEUE = 0;

    private static Optional<String> availability;

    private final int cluster;
    private final List<Integer> nodes = new ArrayList<>();
    private final Map<Integer, PacketShaper> shapers = new HashMap<>();

    private NamespaceNetwork(int cluster) {
        this.cluster = cluster;
    }

    /**
     * Creates the bridge for a new cluster, after sweeping leftovers of dead runs.
     *
     * @throws UnsupportedOperationException saying why, where namespaces cannot be made
     */
    public static NamespaceNetwork create() {
        requireNamespaces();
        sweepLeftovers();
        for (int c = 0; c < MAX_CLUSTERS; c++) {
            try {
                Commands.run("ip", "link", "add", bridge(c), "type", "bridge");
            } catch (Commands.CommandException e) {
                if (e.output().contains("File exists")) {
                    continue;
                }
                throw new UnsupportedOperationException("Network.NAMESPACES cannot create the bridge " + bridge(c)
                        + " (needs the kernel's bridge support and CAP_NET_ADMIN): " + e.getMessage(), e);
            }
            Commands.run("ip", "link", "set", "dev", bridge(c), "alias", ALIAS + ProcessHandle.current().pid());
            Commands.run("ip", "addr", "add", "198.18." + c + ".254/24", "dev", bridge(c));
            Commands.run("ip", "link", "set", bridge(c), "up");
            return new NamespaceNetwork(c);
        }
        throw new IllegalStateException("all " + MAX_CLUSTERS + " testkit bridges (" + PREFIX + "0…) are in use");
    }

    private static void requireNamespaces() {
        unavailableReason().ifPresent(reason -> {
            throw new UnsupportedOperationException(reason);
        });
    }

    /**
     * Why namespaces cannot be made on this machine, if they cannot: probed once (a namespace is
     * added and deleted again).
     */
    public static synchronized Optional<String> unavailableReason() {
        if (availability == null) {
            String probe = PREFIX + "-probe-" + ProcessHandle.current().pid();
            try {
                Commands.run("ip", "netns", "add", probe);
                Commands.run("ip", "netns", "del", probe);
                availability = Optional.empty();
            } catch (Commands.CommandException e) {
                availability = Optional.of("Network.NAMESPACES needs Linux with root or CAP_NET_ADMIN and "
                        + "iproute2 ('ip'); here " + e.getMessage());
            }
        }
        return availability;
    }

    @Override
    public synchronized NodeAddress address(int index) {
        String ns = namespace(cluster, index);
        removeNode(index);
        String host = "198.18." + cluster + "." + (index + 1);
        String hostSide = PREFIX + cluster + "v" + index;
        String nsSide = PREFIX + cluster + "p" + index;
        Commands.run("ip", "netns", "add", ns);
        deleteQuietly("ip", "link", "del", hostSide);
        Commands.run("ip", "link", "add", hostSide, "type", "veth", "peer", "name", nsSide);
        Commands.run("ip", "link", "set", nsSide, "netns", ns);
        Commands.run("ip", "netns", "exec", ns, "ip", "link", "set", nsSide, "name", "eth0");
        Commands.run("ip", "netns", "exec", ns, "ip", "addr", "add", host + "/24", "dev", "eth0");
        Commands.run("ip", "netns", "exec", ns, "ip", "link", "set", "eth0", "up");
        Commands.run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        Commands.run("ip", "link", "set", hostSide, "master", bridge(cluster));
        Commands.run("ip", "link", "set", hostSide, "up");
        nodes.add(index);
        return new NodeAddress(host, URI.create("http://" + host + ":2379"), URI.create("http://" + host + ":2380"),
                List.of("ip", "netns", "exec", ns));
    }

    @Override
    public synchronized void partition(List<List<Integer>> groups) {
        heal();
        for (List<Integer> group : groups) {
            for (List<Integer> other : groups) {
                if (other == group) {
                    continue;
                }
                for (int from : group) {
                    for (int to : other) {
                        Commands.run("ip", "netns", "exec", namespace(cluster, from), "ip", "route", "add", "blackhole",
                                "198.18." + cluster + "." + (to + 1) + "/32");
                    }
                }
            }
        }
    }

    @Override
    public synchronized void heal() {
        for (int node : nodes) {
            Commands.run("ip", "netns", "exec", namespace(cluster, node), "ip", "route", "flush", "type", "blackhole");
        }
    }

    @Override
    public synchronized void delay(int index, Duration delay) {
        PacketShaper.checkDelay(delay);
        shape(index, shaper -> shaper.delay(delay));
    }

    @Override
    public synchronized void loss(int index, double percent) {
        PacketShaper.checkLoss(percent);
        shape(index, shaper -> shaper.loss(percent));
    }

    /** Applies the change; once neither delay nor loss is left, the node's packets bypass the JVM again. */
    private void shape(int index, Consumer<PacketShaper> change) {
        PacketShaper shaper = shapers.containsKey(index) ? shapers.get(index) : startShaping(index);
        change.accept(shaper);
        if (shaper.isIdle()) {
            stopShaping(index);
        }
    }

    /** Binds the node's queue, then adds the rule that feeds it. */
    private PacketShaper startShaping(int index) {
        String ns = namespace(cluster, index);
        PacketShaper shaper;
        try {
            shaper = new PacketShaper(Path.of(NETNS_DIR, ns), SHAPER_QUEUE);
        } catch (IOException | LinkageError e) {
            throw new UnsupportedOperationException("delay and loss need NFQUEUE (kernel module nfnetlink_queue) "
                    + "and JNA on 64-bit Linux; in namespace " + ns + ": " + e.getMessage(), e);
        }
        try {
            Commands.run(shaperRule(ns, "-A"));
        } catch (Commands.CommandException e) {
            shaper.close();
            if (e.output().contains("No such file") || e.output().contains("NFQUEUE")) {
                throw new UnsupportedOperationException("delay and loss need iptables with the NFQUEUE target "
                        + "(Debian: apt-get install iptables); in namespace " + ns + ": " + e.getMessage(), e);
            }
            throw e;
        }
        shapers.put(index, shaper);
        return shaper;
    }

    private void stopShaping(int index) {
        PacketShaper shaper = shapers.remove(index);
        if (shaper != null) {
            deleteQuietly(shaperRule(namespace(cluster, index), "-D"));
            shaper.close();
        }
    }

    /** The rule that hands the packets the node receives to its shaper ({@code -w}: waits for the xtables lock). */
    private static String[] shaperRule(String ns, String action) {
        return new String[] {"ip", "netns", "exec", ns, "iptables", "-w", "5", action, "INPUT", "-i", "eth0",
                "-j", "NFQUEUE", "--queue-num", Integer.toString(SHAPER_QUEUE), "--queue-bypass"};
    }

    @Override
    public synchronized void close() {
        for (int node : List.copyOf(nodes)) {
            removeNode(node);
        }
        deleteQuietly("ip", "link", "del", bridge(cluster));
    }

    private void removeNode(int index) {
        try {
            Optional.ofNullable(shapers.remove(index)).ifPresent(PacketShaper::close);
        } finally {
            if (nodes.remove(Integer.valueOf(index))) {
                deleteNamespace(namespace(cluster, index));
            }
        }
    }

    /** Removes testkit bridges and namespaces whose owning JVM has died. */
    static void sweepLeftovers() {
        String links;
        try {
            links = Commands.run("ip", "-d", "-o", "link", "show", "type", "bridge");
        } catch (Commands.CommandException e) {
            return;
        }
        for (String line : links.split("\n")) {
            Matcher name = Pattern.compile("^\\d+: (" + PREFIX + "(\\d+)):").matcher(line);
            Matcher owner = OWNER.matcher(line);
            if (name.find() && owner.find() && ProcessHandle.of(Long.parseLong(owner.group(1))).isEmpty()) {
                int c = Integer.parseInt(name.group(2));
                LOG.info("Sweeping testkit network {} left by dead process {}", name.group(1), owner.group(1));
                for (String ns : Commands.run("ip", "netns", "list").split("\n")) {
                    String nsName = ns.split(" ")[0];
                    if (nsName.startsWith(PREFIX + c + "-")) {
                        deleteNamespace(nsName);
                    }
                }
                deleteQuietly("ip", "link", "del", name.group(1));
            }
        }
    }

    /** Kills what still runs in the namespace, then deletes it. */
    private static void deleteNamespace(String ns) {
        try {
            for (String pid : Commands.run("ip", "netns", "pids", ns).split("\n")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (Commands.CommandException e) {
            LOG.debug("cleanup: {}", e.getMessage());
        }
        deleteQuietly("ip", "netns", "del", ns);
    }

    private static void deleteQuietly(String... command) {
        try {
            Commands.run(command);
        } catch (Commands.CommandException e) {
            LOG.debug("cleanup: {}", e.getMessage());
        }
    }

    private static String bridge(int c) {
        return PREFIX + c;
    }

    private static String namespace(int c, int index) {
        return PREFIX + c + "-" + index;
    }
}
