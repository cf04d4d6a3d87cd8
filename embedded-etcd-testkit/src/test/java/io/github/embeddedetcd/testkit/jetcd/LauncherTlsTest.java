/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.jetcd;

import io.github.embeddedetcd.testkit.Kv;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.config.Credentials;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** jetcd-launcher's {@code withSsl(true)}: https client URLs that clients trusting the CA reach without a certificate of their own. */
class LauncherTlsTest {

    @RegisterExtension
    static final EtcdClusterExtension extension = EtcdClusterExtension.builder().withNodes(1).withSsl(true).build();

    @Test
    void clientsTrustingTheCaReachTheNodeByUrlOrByNameWithoutACertificate() throws Exception {
        URI endpoint = extension.clientEndpoints().get(0);
        assertThat(endpoint.getScheme()).isEqualTo("https");
        assertThat(extension.peerEndpoints().get(0).getScheme()).isEqualTo("http");
        assertThat(extension.testCluster().clientTls().hasClientCertificate()).isFalse();
        Path ca = extension.testCluster().clientTls().caFile();

        // As jetcd's SslTest: the URL, with the node's name as authority.
        try (Client client = Client.builder().endpoints(endpoint).authority("etcd0")
                .sslContext(b -> b.trustManager(ca.toFile())).build()) {
            Kv.put(client, "k", "by URL");
        }
        try (Client client = Client.builder().target("cluster://" + extension.clusterName())
                .sslContext(b -> b.trustManager(ca.toFile())).build()) {
            assertThat(Kv.get(client, "k")).contains("by URL");
        }
    }

    /**
     * jetcd's tests keep an RSA CA with its key at {@code ssl/cert/} on their classpath and trust it;
     * their JWT tests pass the node's key at jetcd-launcher's container path.
     */
    @Test
    void theCaOnTheClasspathIssuesTheNodeCertificatesAndContainerPathsNameTheNodesFiles(@TempDir Path classpath)
            throws Exception {
        Path caFile = writeRsaCa(classpath.resolve("ssl/cert"));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(1).jetcdLauncherTls(true).auth(true)
                    .extraArgs("--auth-token", "jwt,pub-key=/etc/ssl/etcd/server.pem,"
                            + "priv-key=/etc/ssl/etcd/server-key.pem,sign-method=RS256,ttl=60s")
                    .start()) {
                Thread.currentThread().setContextClassLoader(previous);
                Credentials root = cluster.credentials().orElseThrow();
                try (Client client = Client.builder().endpoints(cluster.clientEndpoints().get(0))
                        .sslContext(b -> b.trustManager(caFile.toFile()))
                        .user(ByteSequence.from(root.user(), StandardCharsets.UTF_8))
                        .password(ByteSequence.from(root.password(), StandardCharsets.UTF_8)).build()) {
                    Kv.put(client, "k", "signed by the classpath's CA, tokens by the node's key");
                    assertThat(Kv.get(client, "k")).isPresent();
                }
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void aClasspathCaThatCannotIssueFailsTheStartAndLeavesNothingBehind(@TempDir Path classpath) throws Exception {
        writeRsaCa(classpath.resolve("ssl/cert"));
        Files.writeString(classpath.resolve("ssl/cert/ca-key.pem"), "not a key");
        EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(1).jetcdLauncherTls(true).clusterName("broken-ca").build();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            assertThatThrownBy(cluster::start).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The CA of the test classpath (ssl/cert/ca.pem, ssl/cert/ca-key.pem) cannot issue "
                            + "certificates: not a PEM private key");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        assertThat(cluster.dataDir()).isNull();
        assertThatThrownBy(() -> EtcdClusterExtension.cluster("broken-ca")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A CA as cfssl writes it: certificate in ca.pem, PKCS#1 RSA key in ca-key.pem. */
    private static Path writeRsaCa(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=classpath CA");
        Instant now = Instant.now();
        var certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                name, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        Files.writeString(dir.resolve("ca-key.pem"), pem(keys));
        return Files.writeString(dir.resolve("ca.pem"), pem(certificate));
    }

    private static String pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
