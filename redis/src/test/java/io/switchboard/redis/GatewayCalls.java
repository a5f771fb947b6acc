package io.switchboard.redis;

import io.switchboard.handler.Handlers;
import io.switchboard.handler.QueueMessage;
import io.switchboard.testing.TestCluster;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Redis fault tests ask of a gateway or a client of its {@code chat} stage: a connection's id, an HTTP
 * call with a timeout, its health, and the {@code jobs} queue drained.
 */
final class GatewayCalls {
    /** The HTTP timeout of {@link #call(TestGateway, String, String, String)}. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern HEALTH_STATUS = Pattern.compile("\"status\":\"([A-Z]+)\"");

    private GatewayCalls() {
    }

    /** Two in-process gateways on the Redis of {@code settings}, serving {@code yaml}. */
    static TestCluster twoGateways(String yaml, RedisSettings settings) {
        return TestCluster.start(2, yaml, Handlers.none(), node -> context -> new RedisEngine(settings, context),
                () -> {
                });
    }

    /** How many times each body was received. */
    static Map<String, Integer> timesReceived(List<String> received) {
        Map<String, Integer> times = new HashMap<>();
        received.forEach(body -> times.merge(body, 1, Integer::sum));
        return times;
    }

    /**
     * The configuration the fault tests run: a {@code chat} stage with a {@code whoami} mock route, users from the
     * query string and a {@code jobs} queue, heartbeats every 200 ms, a node taken for dead after {@code expiry}.
     */
    static String chatApi(String expiry) {
        return """
                server: {node-heartbeat: 200ms, node-expiry: %s}
                apis:
                  - name: chat
                    stage: chat
                    routes:
                      whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                    connections: {user-id: $request.querystring.user}
                    queues:
                      jobs: {}
                """.formatted(expiry);
    }

    /** The connection id of a client (the {@code whoami} mock route). */
    static String idOf(TestWsClient client) {
        return client.send("{\"action\":\"whoami\"}").next();
    }

    /** The body of a node's {@code /healthz}. */
    static String health(TestGateway node) throws Exception {
        return call(node, "GET", "/healthz", "").body();
    }

    /** The {@code status} of a node's {@code /healthz} ({@code UP}, {@code DEGRADED}), {@code ?} when it has none. */
    static String healthStatus(TestGateway node) throws Exception {
        Matcher status = HEALTH_STATUS.matcher(health(node));
        return status.find() ? status.group(1) : "?";
    }

    /** An HTTP call to a node, failing after {@link #HTTP_TIMEOUT}. */
    static HttpResponse<String> call(TestGateway node, String method, String path, String body) throws Exception {
        return call(node, method, path, body, HTTP_TIMEOUT);
    }

    /** An HTTP call to a node, failing after {@code timeout}. */
    static HttpResponse<String> call(TestGateway node, String method, String path, String body, Duration timeout)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.server().httpUri() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every body in the {@code jobs} queue, received (hidden for a minute, so each once) until a receive finds none. */
    static List<String> drain(TestGateway node) throws Exception {
        List<String> bodies = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<QueueMessage> batch = node.server().gateway().realtime().queues().receive("chat", "jobs", 10,
                    Duration.ofSeconds(1), Optional.of(Duration.ofMinutes(1))).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            if (batch.isEmpty()) {
                return bodies;
            }
            batch.forEach(message -> bodies.add(message.body()));
        }
        throw new AssertionError("the queue was not empty after 60 s; received " + bodies.size());
    }
}
