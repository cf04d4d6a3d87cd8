/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import io.github.embeddedetcd.internal.http.EtcdHttp;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/** Asks a member's {@code /health} endpoint, with a deadline on every request. */
public final class HealthProbe {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final URI url;
    private final Duration timeout;

    /** @param clientUrl a client URL of the member */
    public HealthProbe(URI clientUrl) {
        this(clientUrl, DEFAULT_TIMEOUT);
    }

    /** @param timeout how long each request may take */
    public HealthProbe(URI clientUrl, Duration timeout) {
        this.url = clientUrl.resolve("/health");
        this.timeout = timeout;
    }

    /** True when the member answers that it is healthy (it has a leader and no alarm). */
    public boolean isHealthy() throws InterruptedException {
        try {
            HttpResponse<String> response = EtcdHttp.plain().get(url, timeout).get();
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"health\":\"true\"");
        } catch (ExecutionException | CancellationException notYet) {
            return false;
        }
    }
}
