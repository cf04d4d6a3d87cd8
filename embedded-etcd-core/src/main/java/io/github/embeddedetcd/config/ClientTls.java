/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.internal.tls.ClientSsl;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * How the library and the clients it hands out connect to https client URLs, as etcdctl's
 * {@code --cacert}, {@code --cert} and {@code --key} do: the CA that signed the members' server
 * certificates, and a client certificate with its PKCS#8 key for members that ask for one
 * ({@code client-cert-auth}). Paths may be null when not set.
 *
 * @param trustAnyServer accept any server certificate (for members with {@code auto-tls}, whose
 *                       self-signed certificates nothing can verify): encrypted, not authenticated
 */
public record ClientTls(Path caFile, Path certFile, Path keyFile, boolean trustAnyServer) {

    /** No client TLS settings: the JDK's default trust store, no client certificate. */
    public static final ClientTls NONE = new ClientTls(null, null, null, false);

    /**
     * Accept any server certificate, for members with {@code auto-tls}: encrypted, not
     * authenticated. Never use it where a CA can be given instead.
     */
    public static final ClientTls TRUST_ANY_SERVER = new ClientTls(null, null, null, true);

    /** Trust this CA for server certificates. */
    public static ClientTls trusting(Path caFile) {
        return new ClientTls(caFile, null, null, false);
    }

    /** The same, presenting this client certificate and PKCS#8 key. */
    public ClientTls withClientCertificate(Path cert, Path key) {
        return new ClientTls(caFile, cert, key, trustAnyServer);
    }

    public ClientTls withCaFile(Path value) {
        return new ClientTls(value, certFile, keyFile, trustAnyServer);
    }

    /** Whether nothing is set, as in {@link #NONE}: the JDK's default trust store, no client certificate. */
    public boolean isNone() {
        return caFile == null && certFile == null && keyFile == null && !trustAnyServer;
    }

    /** Whether a client certificate is set. */
    public boolean hasClientCertificate() {
        return certFile != null && keyFile != null;
    }

    /**
     * The JDK SSL context these settings describe, for one's own HTTPS calls to members (etcd's
     * JSON gateway, or a peer URL's {@code /members}).
     *
     * @throws ConfigException when a file is missing or holds no PEM certificate or PKCS#8 key
     */
    public SSLContext sslContext() {
        return ClientSsl.context(this);
    }
}
