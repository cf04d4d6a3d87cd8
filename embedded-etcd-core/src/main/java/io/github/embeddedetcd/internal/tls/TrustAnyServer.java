/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server certificate and host name, for members with {@code auto-tls}: their
 * self-signed certificates cannot be verified, so the connection is encrypted but not
 * authenticated. An extended trust manager, so that the JDK does not check host names itself.
 */
final class TrustAnyServer extends X509ExtendedTrustManager {

    static final TrustAnyServer INSTANCE = new TrustAnyServer();

    private TrustAnyServer() {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // any server is accepted: auto-tls certificates are self-signed
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // any server is accepted: auto-tls certificates are self-signed
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // any server is accepted: auto-tls certificates are self-signed
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("a client's trust manager checks no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("a client's trust manager checks no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("a client's trust manager checks no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
