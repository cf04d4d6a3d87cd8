/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.ConfigException;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.TransportSecurity;
import io.github.embeddedetcd.testkit.TestCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every TLS mistake gets one error that names the setting, the file or URL, and what to do; no data dir
 * is made. A private key that others may read starts, with a warning.
 */
class TlsMistakesTest {

    @TempDir
    Path dir;

    private TestCertificates certificates;
    private URI clientUrl;

    @BeforeEach
    void setUp() {
        certificates = TestCertificates.createIn(dir.resolve("tls"));
        clientUrl = URI.create("https://127.0.0.1:" + FreePorts.next());
    }

    @Test
    void aMissingCertificateFile() {
        TransportSecurity tls = serverTls(certificates.issue("n1", List.of("127.0.0.1")))
                .withCertFile(dir.resolve("nowhere.crt"));

        assertRefused(tls, "client-transport-security.cert-file", "the certificate file " + dir.resolve("nowhere.crt")
                + " does not exist; point client-transport-security.cert-file at an existing file");
    }

    @Test
    void aKeyFileThatCannotBeRead() throws Exception {
        Path notAFile = Files.createDirectories(dir.resolve("key-dir"));
        TransportSecurity tls = serverTls(certificates.issue("n1", List.of("127.0.0.1"))).withKeyFile(notAFile);

        assertRefused(tls, "client-transport-security.key-file", "cannot read the key file " + notAFile);
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificate() {
        TestCertificates.Issued one = certificates.issue("n1", List.of("127.0.0.1"));
        TestCertificates.Issued other = certificates.issue("other", List.of("127.0.0.1"));
        TransportSecurity tls = serverTls(one).withKeyFile(other.keyFile());

        assertRefused(tls, "client-transport-security.key-file", "the key " + other.keyFile()
                + " does not belong to the certificate " + one.certFile() + "; use the key the certificate was issued for");
    }

    @Test
    void aCertificateNotSignedByTheTrustedCa() {
        TestCertificates stranger = TestCertificates.createIn(dir.resolve("other-ca"));
        TransportSecurity tls = serverTls(stranger.issue("n1", List.of("127.0.0.1")));

        assertRefused(tls, "client-transport-security.cert-file", "is not signed by the CA in " + certificates.caFile());
    }

    @Test
    void anExpiredCertificate() {
        Instant now = Instant.now();
        TransportSecurity tls = serverTls(certificates.issue("n1", List.of("127.0.0.1"),
                now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))));

        assertRefused(tls, "client-transport-security.cert-file", "expired on");
    }

    @Test
    void aHostTheCertificateDoesNotName() {
        TransportSecurity tls = serverTls(certificates.issue("n1", List.of("127.0.0.2", "node-1.example")));

        assertRefused(tls, "client-transport-security.cert-file", "is not valid for 127.0.0.1 (of " + clientUrl
                + "): it names 127.0.0.2, node-1.example. Issue it with 127.0.0.1 among its subject alternative names");
    }

    @Test
    void anHttpsUrlWithoutTlsSettings() {
        assertThatThrownBy(() -> EtcdConfig.builder().name("n1").clientUrl(clientUrl).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("'client-transport-security': https URLs need a server certificate: set "
                        + "client-transport-security.cert-file and client-transport-security.key-file (or auto-tls: "
                        + "true for a self-signed one)");
    }

    @Test
    void aPlaintextClientAgainstATlsPortAndAClientWithoutTheRightCa() {
        TransportSecurity tls = serverTls(certificates.issue("n1", List.of("127.0.0.1")));
        try (EmbeddedEtcd member = EmbeddedEtcd.builder().config(config(tls)).serviceLoaderListeners(false).start()) {
            URI plain = URI.create("http://127.0.0.1:" + clientUrl.getPort());
            assertThatThrownBy(() -> EtcdAdmin.connect(plain).members()).isInstanceOf(EmbeddedEtcdException.class)
                    .hasMessageContaining("closed the connection without an HTTP answer")
                    .hasMessageContaining("if the member serves TLS on it, use https://127.0.0.1:" + clientUrl.getPort());

            TestCertificates stranger = TestCertificates.createIn(dir.resolve("other-ca"));
            TestCertificates.Issued user = certificates.issue("user", List.of());
            EtcdAdmin wrongCa = EtcdAdmin.builder().endpoints(clientUrl)
                    .tls(ClientTls.trusting(stranger.caFile()).withClientCertificate(user.certFile(), user.keyFile()))
                    .build();
            assertThatThrownBy(wrongCa::members).hasMessageContaining("the certificate of 127.0.0.1:"
                    + clientUrl.getPort() + " is not signed by a CA this client trusts (" + stranger.caFile()
                    + "); point embedded.cacert at the CA that signed the members' certificates");

            EtcdAdmin noCertificate = EtcdAdmin.builder().endpoints(clientUrl)
                    .tls(ClientTls.trusting(certificates.caFile())).build();
            // Over TLS 1.3 the refusal comes as an alert or as a connection closed after the request: both say what to set.
            assertThatThrownBy(noCertificate::members).hasMessageContaining("127.0.0.1:" + clientUrl.getPort())
                    .hasMessageContaining("client certificate (client-cert-auth)")
                    .hasMessageContaining("set embedded.cert and embedded.key");
        }
    }

    @Test
    void aPeerCertificateThatDoesNotNameTheAddressPeerConnectionsComeFrom() {
        TestCertificates.Issued own = certificates.issue("n2", List.of("127.0.0.2"));
        TransportSecurity peerTls = new TransportSecurity(own.certFile(), own.keyFile(), true, certificates.caFile(),
                false);
        URI self = URI.create("https://127.0.0.2:" + FreePorts.next());
        EtcdConfig config = EtcdConfig.builder().name("n2").dataDir(dir.resolve("n1")).clientUrl(
                        URI.create("http://127.0.0.1:" + FreePorts.next())).peerUrl(self).peerTransportSecurity(peerTls)
                .initialCluster("n1=https://127.0.0.3:" + FreePorts.next() + ",n2=" + self)
                .heartbeatIntervalMillis(10).electionTimeoutMillis(100).build();
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config).serviceLoaderListeners(false).build();

        assertThatThrownBy(member::start).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).contains("peer-transport-security.cert-file"))
                .hasMessageContaining("the members at 127.0.0.3 would drop this member's peer connections")
                .hasMessageContaining("come from 127.0.0.1 (on loopback they all do")
                .hasMessageContaining("Issue the certificate with IP:127.0.0.1 among its subject alternative names, or "
                        + "set experimental-peer-skip-client-san-verification: true on every member");
        assertThat(dir.resolve("n1")).doesNotExist();
    }

    @Test
    void aKeyOthersMayReadIsWarnedAbout() throws Exception {
        TestCertificates.Issued issued = certificates.issue("n1", List.of("127.0.0.1"));
        Files.setPosixFilePermissions(issued.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        Logger logger = (Logger) LoggerFactory.getLogger("io.github.embeddedetcd.internal.tls.ServerTls");
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        try (EmbeddedEtcd member = EmbeddedEtcd.builder().config(config(serverTls(issued))).serviceLoaderListeners(false)
                .start()) {
            assertThat(member.isHealthy()).isTrue();
        } finally {
            logger.detachAppender(warnings);
        }

        assertThat(warnings.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).isEqualTo("The private key " + issued.keyFile() + " can be read by "
                    + "other users of this machine; make it readable by its owner only (chmod 600 " + issued.keyFile() + ")");
        });
    }

    private TransportSecurity serverTls(TestCertificates.Issued issued) {
        return new TransportSecurity(issued.certFile(), issued.keyFile(), true, certificates.caFile(), false);
    }

    private EtcdConfig config(TransportSecurity tls) {
        return EtcdConfig.builder().name("n1").dataDir(dir.resolve("n1")).clientUrl(clientUrl)
                .peerUrl(URI.create("http://127.0.0.1:" + FreePorts.next())).clientTransportSecurity(tls)
                .heartbeatIntervalMillis(10).electionTimeoutMillis(100).build();
    }

    private void assertRefused(TransportSecurity tls, String key, String message) {
        EmbeddedEtcd member = EmbeddedEtcd.builder().config(config(tls)).serviceLoaderListeners(false).build();

        assertThatThrownBy(member::start).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).contains(key))
                .hasMessageContaining(message);
        assertThat(dir.resolve("n1")).doesNotExist();
    }
}
