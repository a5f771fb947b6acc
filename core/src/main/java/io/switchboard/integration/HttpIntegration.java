package io.switchboard.integration;

import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * POSTs the Lambda proxy event as JSON to a URL and reads a Lambda proxy response from the answer, so a backend in
 * any language can serve a route. The call is asynchronous; nothing waits on the event loop.
 *
 * <p>A 2xx answer must carry a proxy response (or nothing, meaning 200); any other HTTP status, an unreachable URL or
 * an invalid answer is an integration failure.
 */
final class HttpIntegration implements Integration {
    /** Lambda's limit on a synchronous response; larger answers are refused. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    private final HttpClient client;
    private final URI uri;
    private final Map<String, String> headers;
    private final Duration timeout;

    HttpIntegration(HttpClient client, URI uri, Map<String, String> headers, Duration timeout) {
        this.client = client;
        this.uri = uri;
        this.headers = headers;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<RouteResult> invoke(RouteEvent event, Invocation invocation) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Switchboard-Request-Id", event.requestId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.write(event)));
        headers.forEach(request::header);
        return client.sendAsync(request.build(), LimitedBody.handler(MAX_RESPONSE_BYTES))
                .thenApply(response -> {
                    if (response.statusCode() < 200 || response.statusCode() > 299) {
                        throw new IntegrationException(uri.getHost() + " answered HTTP " + response.statusCode());
                    }
                    return ProxyResponses.parse(response.body());
                });
    }
}
