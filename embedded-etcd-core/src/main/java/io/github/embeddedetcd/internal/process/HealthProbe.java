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

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final URI url;

    /** @param clientUrl a client URL of the member */
    public HealthProbe(URI clientUrl) {
        this.url = clientUrl.resolve("/health");
    }

    /** True when the member answers that it is healthy (it has a leader and no alarm). */
    public boolean isHealthy() throws InterruptedException {
        try {
            HttpResponse<String> response = EtcdHttp.plain().get(url, REQUEST_TIMEOUT).get();
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"health\":\"true\"");
        } catch (ExecutionException | CancellationException notYet) {
            return false;
        }
    }
}
