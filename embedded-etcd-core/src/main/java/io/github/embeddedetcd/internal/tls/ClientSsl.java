/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.tls;

import io.github.embeddedetcd.config.ClientTls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The JDK's TLS setup for a {@link ClientTls}: trust for the members' certificates, and our client certificate. */
public final class ClientSsl {

    private static final char[] IN_MEMORY = new char[0];

    private ClientSsl() {
    }

    /** An SSL context for the library's own calls to members. */
    public static SSLContext context(ClientTls tls) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(tls), trustManagers(tls), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot set up TLS: " + e, e);
        }
    }

    /** What decides whether a member's certificate is trusted; null means the JVM's default trust store. */
    public static TrustManager[] trustManagers(ClientTls tls) throws GeneralSecurityException {
        if (tls.trustAnyServer()) {
            return new TrustManager[] {TrustAnyServer.INSTANCE};
        }
        if (tls.caFile() == null) {
            return null;
        }
        KeyStore trusted = emptyStore();
        List<X509Certificate> cas = PemFiles.certificates("embedded.cacert", tls.caFile());
        for (int i = 0; i < cas.size(); i++) {
            trusted.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    /** Our client certificate, when set; null means none. */
    public static KeyManager[] keyManagers(ClientTls tls) throws GeneralSecurityException {
        KeyManagerFactory factory = keyManagerFactory(tls);
        return factory == null ? null : factory.getKeyManagers();
    }

    /** Our client certificate as a key manager factory, when set; null means none. */
    public static KeyManagerFactory keyManagerFactory(ClientTls tls) throws GeneralSecurityException {
        if (!tls.hasClientCertificate()) {
            return null;
        }
        List<X509Certificate> chain = PemFiles.certificates("embedded.cert", tls.certFile());
        PrivateKey key = PemFiles.privateKey("embedded.key", tls.keyFile());
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY);
        return factory;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            return store;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
    }
}
