package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.redis.RedisProcess;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rolling restart of three gateways on one Redis while a queue is fed and consumed through whichever nodes are up
 * and clients reconnect: each node in turn is stopped gracefully ({@code switchboard stop} for the first, SIGTERM for
 * the others) and started again. Every message whose send was acknowledged is received; duplicates (a delete that a
 * stopping node could not carry out) are counted and reported. Clients told 1001 reconnect to a node that is up.
 */
class RollingRestartTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void noAcknowledgedMessageIsLostWhileEveryNodeRestartsInTurn(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("cluster.yaml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, access-log: off, node-heartbeat: 500ms, node-expiry: 2s, shutdown-timeout: 5s}
                apis:
                  - name: chat
                    stage: chat
                    routes:
                      whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                    connections: {user-id: $request.querystring.user}
                    queues:
                      jobs: {visibility-timeout: 2s}
                """);
        List<GatewayProcess> nodes = new CopyOnWriteArrayList<>();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        AtomicInteger refusedSends = new AtomicInteger();
        AtomicInteger reconnects = new AtomicInteger();
        AtomicBoolean feeding = new AtomicBoolean(true);
        AtomicBoolean consuming = new AtomicBoolean(true);
        try (RedisProcess redis = RedisProcess.start()) {
            String[] engine = {"--engine", "redis", "--redis-uri", redis.uri().toString()};
            for (int i = 0; i < 3; i++) {
                nodes.add(GatewayProcess.start(config, engine));
            }
            Thread feeder = new Thread(() -> {
                for (int n = 0; feeding.get(); n++) {
                    String body = "m" + n;
                    try {
                        HttpResponse<String> sent = send(any(nodes), "POST", "/chat/@queues/jobs/messages",
                                "{\"body\":\"" + body + "\"}");
                        if (sent.statusCode() == 200) {
                            acked.add(body);
                        } else {
                            refusedSends.incrementAndGet();
                        }
                    } catch (Exception e) {
                        refusedSends.incrementAndGet(); // the node was stopping: not acknowledged
                    }
                }
            }, "feeder");
            Thread consumer = new Thread(() -> {
                while (consuming.get()) {
                    try {
                        GatewayProcess node = any(nodes);
                        JsonNode batch = JSON.readTree(send(node, "GET",
                                "/chat/@queues/jobs/messages?max_messages=10&wait_seconds=1", "").body());
                        for (JsonNode m : batch.path("messages")) {
                            received.computeIfAbsent(m.get("body").asString(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            send(node, "DELETE", "/chat/@queues/jobs/messages/" + m.get("receipt_handle").asString(),
                                    "");
                        }
                    } catch (Exception e) {
                        // the node went away mid-call: what it handed out comes back after the visibility timeout
                    }
                }
            }, "consumer");
            feeder.start();
            consumer.start();
            List<TestWsClient> clients = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 6; i++) {
                clients.add(TestWsClient.connect(nodes.get(i % 3).ws("chat?user=u" + i)));
            }

            for (int turn = 0; turn < 3; turn++) {
                Thread.sleep(700); // traffic before each restart: the scenario's pace, not a wait for a result
                GatewayProcess leaving = nodes.get(turn);
                if (turn == 0) {
                    assertThat(Main.commandLine().execute("stop", "--port", Integer.toString(leaving.port())))
                            .isZero();
                } else {
                    leaving.close();
                }
                for (int i = 0; i < clients.size(); i++) { // told 1001: reconnect through another node
                    if (clients.get(i).isClosed()) {
                        clients.set(i, TestWsClient.connect(nodes.get((turn + 1) % 3).ws("chat?user=u" + i)));
                        reconnects.incrementAndGet();
                    }
                }
                nodes.set(turn, GatewayProcess.start(config, engine));
                System.out.printf("RollingRestartTest: node %d restarted (port %d -> %d)%n", turn, leaving.port(),
                        nodes.get(turn).port());
            }
            feeding.set(false);
            feeder.join();
            long quietSince = System.nanoTime();
            int seen = -1;
            while (System.nanoTime() - quietSince < Duration.ofSeconds(6).toNanos()) { // drain: 3 visibility timeouts
                int now = received.size();
                if (now != seen) {
                    seen = now;
                    quietSince = System.nanoTime();
                }
                Thread.sleep(100); // polling the consumer's progress
            }
            consuming.set(false);
            consumer.join();
            for (TestWsClient client : clients) {
                assertThat(client.send("{\"action\":\"whoami\"}").next()).isNotBlank();
                client.close();
            }
            int duplicates = received.values().stream().mapToInt(c -> c.get() - 1).sum();
            System.out.printf("RollingRestartTest: %d sends acknowledged, %d refused while nodes stopped, %d "
                    + "received, %d duplicates (%.2f %%), %d clients reconnected%n", acked.size(), refusedSends.get(),
                    received.size(), duplicates, 100.0 * duplicates / Math.max(1, acked.size()), reconnects.get());
            assertThat(received.keySet()).as("every acknowledged message was received").containsAll(acked);
            assertThat(duplicates).as("duplicates").isLessThanOrEqualTo(Math.max(5, acked.size() / 20));
            assertThat(reconnects.get()).as("the stopped nodes' clients were told to go").isPositive();
        } finally {
            feeding.set(false);
            consuming.set(false);
            for (GatewayProcess node : nodes) {
                node.close();
            }
        }
    }

    private static GatewayProcess any(List<GatewayProcess> nodes) {
        return nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
    }

    private static HttpResponse<String> send(GatewayProcess node, String method, String path, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.http() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
