/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.internal.tls.ClientSsl;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/** jetcd clients as the library hands them out: with the access's TLS and user, never waiting for a dead endpoint. */
public final class JetcdClients {

    private JetcdClients() {
    }

    /**
     * A client for these endpoints. jetcd's default {@code waitForReady(true)} has a call wait
     * forever for a dead endpoint; here it fails instead, and connecting is bounded by the timeout.
     * jetcd checks each endpoint's certificate against that endpoint's own host. A classpath whose
     * Netty jetcd cannot run on is refused here, with the versions found and the fix.
     */
    public static Client forEndpoints(List<URI> endpoints, EtcdAccess access) {
        NettyClasspath.requireNetty42();
        ClientBuilder builder = Client.builder().endpoints(endpoints.toArray(URI[]::new)).waitForReady(false)
                .connectTimeout(access.timeout());
        if (!access.tls().isNone()) {
            builder.sslContext(sslContext(access.tls()));
        }
        access.credentials().ifPresent(credentials -> builder
                .user(ByteSequence.from(credentials.user(), StandardCharsets.UTF_8))
                .password(ByteSequence.from(credentials.password(), StandardCharsets.UTF_8)));
        return builder.build();
    }

    private static SslContext sslContext(ClientTls tls) {
        try {
            SslContextBuilder ssl = GrpcSslContexts.forClient();
            TrustManager[] trust = ClientSsl.trustManagers(tls);
            if (trust != null) {
                ssl.trustManager(trust[0]);
            }
            KeyManagerFactory keys = ClientSsl.keyManagerFactory(tls);
            if (keys != null) {
                ssl.keyManager(keys);
            }
            return ssl.build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("cannot set up TLS for the jetcd client with " + tls + ": " + e
                    + ". Check that embedded.cacert, embedded.cert and embedded.key name a PEM CA, certificate and "
                    + "PKCS#8 key.", e);
        }
    }
}
