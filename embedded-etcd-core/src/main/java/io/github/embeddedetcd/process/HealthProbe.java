package io.github.embeddedetcd.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a member's {@code /health} endpoint, with a deadline on every request. */
public final class HealthProbe {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    /** One client for all probes: each HttpClient has a selector thread of its own. */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(REQUEST_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final HttpRequest request;

    /** @param clientUrl an http client URL of the member */
    public HealthProbe(URI clientUrl) {
        this.request = HttpRequest.newBuilder(clientUrl.resolve("/health")).timeout(REQUEST_TIMEOUT).GET().build();
    }

    /** True when the member answers that it is healthy (it has a leader and no alarm). */
    public boolean isHealthy() throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"health\":\"true\"");
        } catch (IOException notYet) {
            return false;
        }
    }
}
