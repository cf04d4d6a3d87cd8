/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.internal.tls.TlsFailures;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** Says in plain words why an endpoint gave no usable answer, and what to check. */
final class Transport {

    private Transport() {
    }

    static String whyNoAnswer(URI endpoint, Throwable failure, Duration timeout, ClientTls tls) {
        Optional<String> tlsProblem = TlsFailures.describe(endpoint, failure, tls);
        if (tlsProblem.isPresent()) {
            return tlsProblem.get();
        }
        String where = endpoint.getHost() + ":" + endpoint.getPort();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused at " + where + "; is an etcd member running there?";
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return "no answer from " + where + " within " + timeout.toMillis() + " ms; is it the client URL "
                        + "(port 2379 by default) of a running, healthy etcd member?";
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "cannot resolve the host " + endpoint.getHost() + "; check the URL " + endpoint;
            }
        }
        if (failure instanceof IOException) {
            return where + " closed the connection without an HTTP answer (" + failure + "); is it an etcd client URL, "
                    + "not a peer URL or another service" + TlsFailures.closedConnectionHint(endpoint, tls) + "?";
        }
        return String.valueOf(failure);
    }

    static String notEtcd(URI endpoint, int status) {
        return endpoint.getHost() + ":" + endpoint.getPort() + " answered HTTP " + status + ", but not the way etcd "
                + "does; is " + endpoint + " an etcd client URL (port 2379 by default), not a peer URL or another service?";
    }
}
