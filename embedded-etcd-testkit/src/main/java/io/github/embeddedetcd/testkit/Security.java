/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.Credentials;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.TransportSecurity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test cluster's TLS and authentication: its certificate authority and the nodes' certificates
 * (each naming the node, its host, 127.0.0.1 and localhost, good for server and client use), a
 * client certificate for its clients where nodes ask for one, and the root user with a generated
 * password.
 */
final class Security {

    static final Security NONE = new Security(ClusterSettings.Tls.NONE, null, ClientTls.NONE, null);

    private static final String ROOT = "root";
    private static final long CALL_SECONDS = 10;

    private final ClusterSettings.Tls tls;
    private final TestCertificates certificates;
    private final ClientTls clientTls;
    private final Credentials credentials;

    private Security(ClusterSettings.Tls tls, TestCertificates certificates, ClientTls clientTls, Credentials credentials) {
        this.tls = tls;
        this.certificates = certificates;
        this.clientTls = clientTls;
        this.credentials = credentials;
    }

    static Security create(ClusterSettings settings, Path dataRoot) {
        Path dir = dataRoot.resolve("tls");
        TestCertificates certificates = switch (settings.tls()) {
            case NONE -> null;
            case MUTUAL -> TestCertificates.createIn(dir);
            case LAUNCHER -> LauncherTls.certificates(dir);
        };
        ClientTls clientTls = certificates == null ? ClientTls.NONE : ClientTls.trusting(certificates.caFile());
        if (settings.tls() == ClusterSettings.Tls.MUTUAL) {
            TestCertificates.Issued client = certificates.issue("testkit-client", List.of());
            clientTls = clientTls.withClientCertificate(client.certFile(), client.keyFile());
        }
        Credentials credentials = settings.auth() ? Credentials.of(ROOT, generatedPassword()) : null;
        return new Security(settings.tls(), certificates, clientTls, credentials);
    }

    private static String generatedPassword() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    ClientTls clientTls() {
        return clientTls;
    }

    Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The client URL, with https where the cluster uses TLS. */
    URI clientUrl(URI plain) {
        return tls == ClusterSettings.Tls.NONE ? plain : https(plain);
    }

    /** The peer URL, with https where the nodes use TLS between them. */
    URI peerUrl(URI plain) {
        return tls == ClusterSettings.Tls.MUTUAL ? https(plain) : plain;
    }

    private static URI https(URI plain) {
        return URI.create(plain.toString().replaceFirst("^http:", "https:"));
    }

    /**
     * A node's TLS, user and etcd arguments: with mutual TLS its certificate on client and peer
     * URLs, each asking for the other side's; with jetcd-launcher's, on client URLs only.
     */
    void configure(EtcdConfig.Builder node, String name, String host, List<String> args) {
        node.extraArgs(args);
        if (certificates != null) {
            TestCertificates.Issued issued = certificates.issue(name, List.of(name, host, "127.0.0.1", "localhost"));
            if (tls == ClusterSettings.Tls.MUTUAL) {
                TransportSecurity mutual = new TransportSecurity(issued.certFile(), issued.keyFile(), true,
                        certificates.caFile(), false);
                node.clientTransportSecurity(mutual).peerTransportSecurity(mutual);
            } else {
                node.clientTransportSecurity(new TransportSecurity(issued.certFile(), issued.keyFile(), false, null, false))
                        .clientTls(clientTls)
                        .extraArgs(LauncherTls.nodeArgs(args, issued));
            }
        }
        if (credentials != null) {
            node.credentials(credentials);
        }
    }

    /** As an operator does it: the root user with the root role, then authentication on. */
    void enableAuthentication(List<URI> endpoints) {
        try (Client client = EtcdAdmin.builder().endpoints(endpoints).tls(clientTls).build().newClient()) {
            ByteSequence root = bytes(ROOT);
            client.getAuthClient().userAdd(root, bytes(credentials.password())).get(CALL_SECONDS, TimeUnit.SECONDS);
            client.getAuthClient().userGrantRole(root, root).get(CALL_SECONDS, TimeUnit.SECONDS);
            client.getAuthClient().authEnable().get(CALL_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedEtcdException("Cannot turn authentication on in the test cluster: " + e + ". The nodes "
                    + "are up; check their log (io.github.embeddedetcd.etcd.<node>) for why etcd refused.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedEtcdException("Interrupted while turning authentication on", e);
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
