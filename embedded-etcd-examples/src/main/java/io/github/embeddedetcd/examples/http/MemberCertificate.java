/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.http;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.TransportSecurity;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The certificate a member serves its client URLs with, as an SSL context for its HTTP service:
 * {@code client-transport-security.cert-file}/{@code key-file}, or the self-signed pair etcd writes
 * to {@code <data-dir>/fixtures/client} with {@code auto-tls}. Keys may be PKCS#8, PKCS#1 (RSA) or
 * SEC1 (EC, as auto-tls writes them).
 */
final class MemberCertificate {

    private static final char[] IN_MEMORY = new char[0];

    private MemberCertificate() {
    }

    /** Whether the member has a certificate on its client URLs. */
    static boolean exists(EtcdConfig config) {
        TransportSecurity tls = config.clientTransportSecurity();
        return tls.certFile() != null || tls.autoTls();
    }

    /** The SSL context serving the member's certificate; call once etcd runs (auto-tls writes it at start). */
    static SSLContext serverContext(EtcdConfig config) {
        if (!exists(config)) {
            throw new EmbeddedEtcdException("Member '" + config.name() + "' has no certificate to serve HTTPS with ("
                    + HttpSettings.TLS_KEY + "): set client-transport-security.cert-file and key-file, or auto-tls: true");
        }
        TransportSecurity tls = config.clientTransportSecurity();
        Path autoTls = config.dataDir().resolve("fixtures").resolve("client");
        Path cert = tls.certFile() != null ? tls.certFile() : autoTls.resolve("cert.pem");
        Path key = tls.certFile() != null ? tls.keyFile() : autoTls.resolve("key.pem");
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setKeyEntry("member", privateKey(key), IN_MEMORY, certificates(cert).toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, IN_MEMORY);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new EmbeddedEtcdException("Cannot serve HTTPS with the certificate " + cert + " and key " + key
                    + " of member '" + config.name() + "' (" + e.getMessage() + "); check that both are readable PEM "
                    + "files and that the key belongs to the certificate", e);
        }
    }

    private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader)) {
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no PEM certificate in " + file);
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(file); PEMParser pem = new PEMParser(reader)) {
            for (Object item = pem.readObject(); item != null; item = pem.readObject()) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new GeneralSecurityException("no unencrypted PEM private key in " + file);
    }
}
