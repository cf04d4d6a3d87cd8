/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import io.github.embeddedetcd.internal.cluster.EtcdAccess;
import io.github.embeddedetcd.internal.http.EtcdHttp;
import io.github.embeddedetcd.internal.http.EtcdResponse;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/** Asks a member's {@code /health} endpoint, with a deadline on every request. */
public final class HealthProbe {

    private final URI url;
    private final EtcdHttp http;
    private final Duration timeout;

    /** @param access the TLS setup and the deadline of each request */
    public HealthProbe(URI clientUrl, EtcdAccess access) {
        this(clientUrl, access, access.timeout());
    }

    /** @param timeout the deadline of each request, in place of the access's */
    public HealthProbe(URI clientUrl, EtcdAccess access, Duration timeout) {
        this.url = clientUrl.resolve("/health");
        this.http = access.http();
        this.timeout = timeout;
    }

    /** True when the member answers that it is healthy (it has a leader and no alarm). */
    public boolean isHealthy() throws InterruptedException {
        try {
            EtcdResponse response = http.get(url, timeout).get();
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"health\":\"true\"");
        } catch (ExecutionException | CancellationException notYet) {
            return false;
        }
    }
}
