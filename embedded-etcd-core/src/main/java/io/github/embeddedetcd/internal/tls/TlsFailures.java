/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.tls;

import io.github.embeddedetcd.config.ClientTls;

import java.net.URI;
import java.security.cert.CertificateExpiredException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Says in plain words why a TLS connection to a member failed, and which setting to fix. */
public final class TlsFailures {

    private TlsFailures() {
    }

    /** Plain words for a TLS failure among the causes, if it is one. */
    public static Optional<String> describe(URI endpoint, Throwable failure, ClientTls tls) {
        String where = endpoint.getHost() + ":" + endpoint.getPort();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return Optional.of("the certificate of " + where + " has expired (" + t.getMessage() + "); give the "
                        + "member a new one");
            }
            if (!(t instanceof SSLException) || t.getMessage() == null) {
                continue;
            }
            String message = t.getMessage();
            if (message.contains("PKIX path") || message.contains("unable to find valid certification path")) {
                return Optional.of("the certificate of " + where + " is not signed by a CA this client trusts ("
                        + (tls.caFile() == null ? "the JVM's default trust store" : tls.caFile()) + "); point "
                        + "embedded.cacert at the CA that signed the members' certificates");
            }
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return Optional.of("the certificate of " + where + " is not valid for the host " + endpoint.getHost()
                        + " (" + message + "); add it to the certificate's subject alternative names, or use a URL "
                        + "with a host the certificate names");
            }
            boolean refused = message.contains("bad_certificate") || message.contains("certificate_unknown")
                    || message.contains("unknown_ca");
            // etcd (Go) answers a missing certificate with bad_certificate under TLS 1.3, not certificate_required
            if (message.contains("certificate_required") || (refused && tls.certFile() == null)) {
                return Optional.of(where + " asks for a client certificate (client-cert-auth) and this client has "
                        + "none; set embedded.cert and embedded.key");
            }
            if (refused) {
                return Optional.of(where + " refused this client's certificate (" + tls.certFile() + "); it must be "
                        + "signed by the member's trusted-ca-file and allow client authentication (extended key usage "
                        + "clientAuth)");
            }
            if (message.contains("Unsupported or unrecognized SSL message") || message.contains("plaintext")
                    || message.contains("Remote host terminated the handshake")) {
                return Optional.of(where + " does not speak TLS; use an http:// URL for it, or give the member "
                        + "client-transport-security settings");
            }
            return Optional.of("TLS with " + where + " failed: " + message);
        }
        return Optional.empty();
    }

    /**
     * What a connection closed without a word may mean: a plaintext request to a TLS port, or, over
     * TLS 1.3, a member that asks for a client certificate this client does not have (it refuses
     * it after the handshake, often once the request is sent).
     */
    public static String closedConnectionHint(URI endpoint, ClientTls tls) {
        if ("http".equalsIgnoreCase(endpoint.getScheme())) {
            return "; if the member serves TLS on it, use https://" + endpoint.getHost() + ":" + endpoint.getPort();
        }
        return tls.hasClientCertificate() ? "" : "; if the member asks for a client certificate (client-cert-auth), "
                + "set embedded.cert and embedded.key";
    }
}
