/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.AuthenticationException;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.Credentials;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.http.EtcdHttp;
import io.github.embeddedetcd.internal.json.Json;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * How the library reaches a cluster's client URLs: over which TLS setup, as which etcd user, and
 * with which deadline per request. Keeps the user's token: it authenticates on first need, and again
 * when etcd says the token is gone (tokens live in a member's memory and expire); a cluster without
 * authentication gets no token at all.
 */
public final class EtcdAccess {


    private final EtcdHttp http;
    private final ClientTls tls;
    private final Credentials credentials;
    private final Duration timeout;
    private volatile String token;
    private volatile boolean authOff;

    private EtcdAccess(ClientTls tls, Credentials credentials, Duration timeout) {
        this.tls = tls;
        this.http = EtcdHttp.forTls(tls);
        this.credentials = credentials;
        this.timeout = timeout;
    }

    public static EtcdAccess of(ClientTls tls, Optional<Credentials> credentials, Duration timeout) {
        return new EtcdAccess(tls, credentials.orElse(null), timeout);
    }

    /** The access a member's own calls use: its client TLS, its user, its request timeout. */
    public static EtcdAccess of(EtcdConfig config) {
        return of(config.clientTls(), config.credentials(), config.requestTimeout());
    }

    public EtcdHttp http() {
        return http;
    }

    public ClientTls tls() {
        return tls;
    }

    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    public Duration timeout() {
        return timeout;
    }

    /** The headers that authenticate a request to this endpoint: none without a user or without auth on the cluster. */
    Map<String, String> authentication(URI endpoint) {
        if (credentials == null || authOff) {
            return Map.of();
        }
        String current = token;
        if (current == null) {
            current = authenticate(endpoint);
        }
        return current == null ? Map.of() : Map.of("Authorization", current);
    }

    /** etcd said the token is invalid or missing: get a new one before the next call. */
    void tokenRejected() {
        token = null;
        authOff = false;
    }

    /** Whether a call refused for its token is worth repeating with a new one. */
    boolean canAuthenticate() {
        return credentials != null;
    }

    private synchronized String authenticate(URI endpoint) {
        if (token != null || authOff) {
            return token;
        }
        String body = Json.write(Json.object().put("name", credentials.user()).put("password", credentials.password()));
        String what = "authenticate user '" + credentials.user() + "'";
        try {
            token = http.postJson(endpoint.resolve("/v3/auth/authenticate"), body, Map.of(), timeout)
                    .handle((response, failure) -> ClusterCalls.answer(endpoint, what, response, failure, this))
                    .join().path("token").asText(null);
            return token;
        } catch (CompletionException e) {
            ClusterCallException failure = ClusterCalls.failure(e, what + " via " + endpoint);
            if (failure.error() == EtcdError.AUTH_NOT_ENABLED) {
                authOff = true;
                return null;
            }
            if (failure.error() == EtcdError.AUTH_FAILED) {
                throw new AuthenticationException("etcd at " + endpoint + " refused the "
                        + "password of user '" + credentials.user() + "' (" + credentials + "). Check the password "
                        + "and that the user exists (etcdctl user list).", credentials.user(), failure);
            }
            throw failure;
        }
    }
}
