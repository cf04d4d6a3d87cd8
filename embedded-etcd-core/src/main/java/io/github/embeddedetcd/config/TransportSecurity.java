/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import java.nio.file.Path;

/**
 * One of etcd's {@code client-transport-security} / {@code peer-transport-security} sections.
 * Paths may be null when not set.
 */
public record TransportSecurity(Path certFile, Path keyFile, boolean clientCertAuth,
                                Path trustedCaFile, boolean autoTls) {

    /** No TLS settings. */
    public static final TransportSecurity NONE = new TransportSecurity(null, null, false, null, false);

    public TransportSecurity withCertFile(Path value) {
        return new TransportSecurity(value, keyFile, clientCertAuth, trustedCaFile, autoTls);
    }

    public TransportSecurity withKeyFile(Path value) {
        return new TransportSecurity(certFile, value, clientCertAuth, trustedCaFile, autoTls);
    }

    public TransportSecurity withClientCertAuth(boolean value) {
        return new TransportSecurity(certFile, keyFile, value, trustedCaFile, autoTls);
    }

    public TransportSecurity withTrustedCaFile(Path value) {
        return new TransportSecurity(certFile, keyFile, clientCertAuth, value, autoTls);
    }

    public TransportSecurity withAutoTls(boolean value) {
        return new TransportSecurity(certFile, keyFile, clientCertAuth, trustedCaFile, value);
    }

    /** Whether any setting differs from {@link #NONE}. */
    public boolean isConfigured() {
        return !equals(NONE);
    }
}
