/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.tls;

import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.config.TransportSecurity;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * With peer {@code client-cert-auth}, etcd accepts a peer's connection only when the peer's
 * certificate names the address the connection comes from — an IP among its subject alternative
 * names, or a DNS name that resolves to it — unless {@code
 * experimental-peer-skip-client-san-verification}. On loopback every connection comes from
 * 127.0.0.1, whatever address the member listens on. Otherwise etcd drops the connection after the
 * handshake and the joining member fails with "could not retrieve cluster information ... EOF".
 * This predicts, before etcd starts, the address the system picks for each peer host and refuses
 * a certificate that does not name it.
 */
public final class PeerSourceAddresses {

    private static final String SKIP_CHECK = "experimental-peer-skip-client-san-verification";

    private PeerSourceAddresses() {
    }

    /**
     * @param joinVia client URLs this start may join through: their hosts are the peers' hosts too
     * @throws io.github.embeddedetcd.config.ConfigException naming the certificate, the peer and the address
     */
    public static void check(EtcdConfig config, List<URI> joinVia) {
        TransportSecurity tls = config.peerTransportSecurity();
        // under a command prefix (a network namespace) etcd's connections leave from elsewhere than this JVM's
        if (tls.certFile() == null || !tls.clientCertAuth() || !config.commandPrefix().isEmpty() || skipsCheck(config)) {
            return;
        }
        X509Certificate certificate = PemFiles.certificates("peer-transport-security.cert-file", tls.certFile()).get(0);
        if (ServerTls.alternativeNames(certificate).isEmpty()) {
            return; // etcd checks nothing then
        }
        for (String host : peerHosts(config, joinVia)) {
            Optional<InetAddress> source = sourceAddressTo(host);
            if (source.isPresent() && !names(certificate, source.get())) {
                String from = source.get().getHostAddress();
                throw config.error("peer-transport-security.cert-file", "the members at " + host + " would drop this "
                        + "member's peer connections: with peer client-cert-auth, etcd accepts a peer certificate only "
                        + "when it names the address the connection comes from, and connections from this host to "
                        + host + " come from " + from + (source.get().isLoopbackAddress() ? " (on loopback they all "
                        + "do, whatever address a member listens on)" : "") + ", which " + tls.certFile()
                        + " does not name (it names " + ServerTls.subjectAlternativeNames(certificate) + "). Issue the "
                        + "certificate with IP:" + from + " among its subject alternative names, or set " + SKIP_CHECK
                        + ": true on every member");
            }
        }
    }

    private static boolean skipsCheck(EtcdConfig config) {
        boolean given = Settings.byKey(SKIP_CHECK).map(s -> "true".equals(String.valueOf(config.get(s))))
                .orElse(false);
        return given || config.extraArgs().stream().anyMatch(arg -> arg.matches("--?" + SKIP_CHECK + "(=true)?"));
    }

    /** The hosts of the other members' peer URLs, and of the URLs this member may join through. */
    private static Set<String> peerHosts(EtcdConfig config, List<URI> joinVia) {
        Set<String> own = new LinkedHashSet<>();
        Stream.concat(config.initialAdvertisePeerUrls().stream(), config.advertiseClientUrls().stream())
                .forEach(url -> own.add(url.getHost()));
        Set<String> hosts = new LinkedHashSet<>();
        config.initialCluster().forEach((name, urls) -> {
            if (!name.equals(config.name())) {
                urls.forEach(url -> hosts.add(url.getHost()));
            }
        });
        Stream.concat(joinVia.stream(), config.get(Settings.PEER_ENDPOINTS).stream()).forEach(url -> hosts.add(url.getHost()));
        hosts.removeAll(own);
        return hosts;
    }

    /** The address the system sends from to this host: a connected UDP socket tells, sending nothing. */
    private static Optional<InetAddress> sourceAddressTo(String host) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(InetAddress.getByName(host), 9);
            InetAddress local = probe.getLocalAddress();
            return local.isAnyLocalAddress() ? Optional.empty() : Optional.of(local);
        } catch (IOException | RuntimeException unknownOrUnroutable) {
            return Optional.empty(); // etcd's own connection will fail and say so
        }
    }

    /** etcd's rule: the address among the IP names, or a DNS name resolving to it (or matching its reverse name). */
    private static boolean names(X509Certificate certificate, InetAddress source) {
        if (ServerTls.names(certificate, source.getHostAddress())) {
            return true;
        }
        for (List<?> name : ServerTls.alternativeNames(certificate)) {
            if ((Integer) name.get(0) == 2 && resolvesTo(String.valueOf(name.get(1)), source)) {
                return true;
            }
        }
        return false;
    }

    private static boolean resolvesTo(String dnsName, InetAddress source) {
        try {
            if (dnsName.startsWith("*.")) {
                return source.getCanonicalHostName().endsWith(dnsName.substring(1));
            }
            return Arrays.asList(InetAddress.getAllByName(dnsName)).contains(source);
        } catch (IOException unknown) {
            return false;
        }
    }
}
