/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A throwaway certificate authority for TLS tests: it writes its certificate as PEM and issues
 * certificates for members and clients, each with its PKCS#8 key next to it, readable by its owner
 * only: EC P-256, or RSA 2048 under a given RSA CA. No openssl needed. Certificates name their hosts as subject alternative names
 * (IP addresses or DNS names) and allow both server and client authentication, as etcd's members
 * need for TLS between them. They carry no Common Name: with client-cert-auth and authentication
 * on, etcd's JSON gateway refuses client certificates that have one.
 */
public final class TestCertificates {

    private static final Duration DEFAULT_VALIDITY = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path caFile;

    /** A certificate file and its key file. */
    public record Issued(Path certFile, Path keyFile) {
    }

    private TestCertificates(Path dir, KeyPair caKeys, X509Certificate ca, Path caFile) {
        this.dir = dir;
        this.caKeys = caKeys;
        this.ca = ca;
        this.caFile = caFile;
    }

    /** A new CA whose certificate is written to {@code dir/ca.crt}; what it issues goes to {@code dir} too. */
    public static TestCertificates createIn(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair keys = newKeys("EC");
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=embedded-etcd test CA");
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(DEFAULT_VALIDITY)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = sign(builder, keys);
            Path caFile = write(dir.resolve("ca.crt"), pem(ca));
            return new TestCertificates(dir, keys, ca, caFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test certificates to " + dir, e);
        }
    }

    /**
     * This CA (a PEM certificate and its private key, PKCS#1 or PKCS#8), for tests whose clients
     * trust it already; its certificate is written to {@code dir/ca.crt}, what it issues to {@code dir}.
     *
     * @throws IllegalArgumentException when either text holds no such PEM object
     */
    public static TestCertificates withCa(Path dir, String caCertificatePem, String caKeyPem) {
        try {
            Files.createDirectories(dir);
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(caCertificatePem.getBytes(StandardCharsets.US_ASCII)));
            KeyPair keys = new KeyPair(ca.getPublicKey(), privateKey(caKeyPem));
            return new TestCertificates(dir, keys, ca, write(dir.resolve("ca.crt"), pem(ca)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test certificates to " + dir, e);
        }
    }

    private static PrivateKey privateKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException("not a PEM private key (PKCS#1 or PKCS#8) but "
                    + (object == null ? "nothing" : object.getClass().getSimpleName()));
        }
    }

    /** The CA's certificate: what clients trust. */
    public Path caFile() {
        return caFile;
    }

    /** A certificate for these hosts (IP addresses or DNS names), valid from an hour ago for a day. */
    public Issued issue(String name, List<String> hosts) {
        Instant now = Instant.now();
        return issue(name, hosts, now.minus(Duration.ofHours(1)), now.plus(DEFAULT_VALIDITY));
    }

    /** A certificate for these hosts, valid in this window (an expired one, for instance). */
    public Issued issue(String name, List<String> hosts, Instant notBefore, Instant notAfter) {
        try {
            KeyPair keys = newKeys(caKeys.getPrivate().getAlgorithm());
            GeneralName[] names = hosts.stream().map(TestCertificates::generalName).toArray(GeneralName[]::new);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(notBefore),
                    Date.from(notAfter), new X500Name("O=embedded-etcd test, OU=" + name), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            if (names.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            X509Certificate certificate = sign(builder, caKeys);
            Path certFile = write(dir.resolve(name + ".crt"), pem(certificate));
            Path keyFile = write(dir.resolve(name + ".key"), pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            return new Issued(certFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate of " + name + " to " + dir, e);
        }
    }

    private static GeneralName generalName(String host) {
        return host.matches("[0-9.]+") || host.contains(":")
                ? new GeneralName(GeneralName.iPAddress, host) : new GeneralName(GeneralName.dNSName, host);
    }

    /** EC P-256 keys, or RSA 2048 ones (for a CA of RSA keys). */
    private static KeyPair newKeys(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) {
                generator.initialize(2048, RANDOM);
            } else {
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make " + algorithm + " keys", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA"
                            : "SHA256withECDSA").build(signer.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content);
    }
}
