package io.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.Realtime;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.handler.Notification;
import io.switchboard.handler.PushStats;
import io.switchboard.json.Json;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The pusher against real clients: unicast, multicast, broadcast and exclusion, each targeted connection getting
 * exactly one copy and every other none; gone connections pruned from the store; the HTTP call's answers and errors.
 */
class PusherTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGateway gateway;
    private static Realtime realtime;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: app
                    stage: app
                    limits: {message-bytes: 1KB, frame-bytes: 1KB}
                    routes:
                      ping: {integration: {type: mock, response-template: pong}, route-response: true}
                    connections: {user-id: $request.querystring.user}
                """);
        realtime = gateway.server().gateway().realtime();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.server().httpUri() + "/app" + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String request(List<String> users, List<String> exclude, int seq) {
        Map<String, Object> request = new LinkedHashMap<>();
        if (users != null) {
            request.put("users", users);
        }
        if (!exclude.isEmpty()) {
            request.put("exclude_users", exclude);
        }
        request.put("data", Map.of("type", "notification", "seq", seq));
        return Json.MAPPER.writeValueAsString(request);
    }

    @Test
    void aThousandRandomRequestsReachEveryTargetedConnectionExactlyOnce() throws Exception {
        int users = 30;
        Map<TestWsClient, String> userOf = new LinkedHashMap<>();
        HttpClient shared = HttpClient.newHttpClient();
        for (int u = 0; u < users; u++) {
            for (int device = 0; device <= u % 3; device++) {
                userOf.put(TestWsClient.connect(shared, gateway.ws("app?user=u" + u), Map.of(), List.of()), "u" + u);
            }
        }
        try {
            org.awaitility.Awaitility.await().until(() -> realtime.users().counts("app").toCompletableFuture().join()
                    .connections() == userOf.size());
            Random random = new Random(6);
            Map<String, Set<Integer>> expected = new HashMap<>();
            for (int seq = 0; seq < 1000; seq++) {
                List<String> targets = null;
                List<String> exclude = new ArrayList<>();
                switch (random.nextInt(5)) {
                    case 0 -> targets = List.of("u" + random.nextInt(users));                 // unicast
                    case 1 -> {                                                               // multicast, duplicates
                        targets = new ArrayList<>();
                        for (int k = 0; k < 2 + random.nextInt(5); k++) {
                            targets.add("u" + random.nextInt(users + 3)); // some are not connected
                        }
                        targets.add(targets.get(0));
                    }
                    case 2 -> targets = random.nextBoolean() ? null : List.of();              // broadcast
                    case 3 -> exclude.add("u" + random.nextInt(users));                      // all but one
                    default -> {                                                              // some but some
                        targets = List.of("u" + random.nextInt(users), "u" + random.nextInt(users));
                        exclude.add(targets.get(random.nextInt(2)));
                    }
                }
                Set<String> reached = new HashSet<>(targets == null || targets.isEmpty() ? userOf.values() : targets);
                reached.removeAll(exclude);
                reached.retainAll(userOf.values());
                int seqNo = seq;
                reached.forEach(user -> expected.computeIfAbsent(user, k -> new HashSet<>()).add(seqNo));
                int connections = (int) userOf.values().stream().filter(reached::contains).count();
                String json = request(targets, exclude, seq);
                int notified;
                if (seq % 10 == 0) {
                    HttpResponse<String> answer = post("/@notifications", json);
                    assertThat(answer.statusCode()).isEqualTo(200);
                    JsonNode stats = Json.MAPPER.readTree(answer.body());
                    assertThat(stats.get("gone").asInt()).isZero();
                    assertThat(stats.has("elapsed_ms")).isTrue();
                    notified = stats.get("notified").asInt();
                } else {
                    notified = realtime.pusher().push("app", NotificationRequests.parse(json)).toCompletableFuture().join()
                            .notified();
                }
                assertThat(notified).as("request %d: %s", seq, json).isEqualTo(connections);
            }
            realtime.pusher().push("app", NotificationRequests.parse(request(null, List.of(), -1))).toCompletableFuture()
                    .join();
            for (Map.Entry<TestWsClient, String> client : userOf.entrySet()) {
                List<Integer> got = new ArrayList<>();
                for (int seq = received(client.getKey()); seq != -1; seq = received(client.getKey())) {
                    got.add(seq);
                }
                assertThat(got).as("what %s received", client.getValue()).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expected.getOrDefault(client.getValue(), Set.of()));
            }
        } finally {
            userOf.keySet().forEach(TestWsClient::close);
        }
    }

    private static int received(TestWsClient client) {
        JsonNode data = Json.MAPPER.readTree(client.next());
        assertThat(data.get("type").asString()).isEqualTo("notification");
        return data.get("seq").asInt();
    }

    @Test
    void connectionsThatAreGoneArePrunedFromTheStore() {
        try (TestWsClient alive = gateway.connect("app?user=ghostly")) {
            org.awaitility.Awaitility.await().until(() -> realtime.users().connectionsOf("app", "ghostly")
                    .toCompletableFuture().join().size() == 1);
            // An entry whose connection is not open here: its node died, or its removal was lost.
            long now = System.currentTimeMillis();
            var engine = gateway.server().gateway().engine();
            engine.connections().add(new ConnectionRecord("app", "ghostly", "ghost-connection=",
                    engine.nodes().nodeId(), "127.0.0.1", java.util.Optional.empty(), now, now + 60_000));
            PushStats stats = realtime.pusher().push("app", Notification.to(Set.of("ghostly"), "\"boo\""))
                    .toCompletableFuture().join();
            assertThat(stats.notified()).isEqualTo(1);
            assertThat(stats.gone()).isEqualTo(1);
            assertThat(stats.pruned()).isEqualTo(1);
            assertThat(alive.next()).isEqualTo("\"boo\"");
            assertThat(realtime.users().connectionsOf("app", "ghostly").toCompletableFuture().join())
                    .extracting(ConnectionRecord::connectionId).doesNotContain("ghost-connection=").hasSize(1);
        }
    }

    @Test
    void badRequestsAreRefusedAndNothingIsSent() throws Exception {
        try (TestWsClient client = gateway.connect("app?user=picky")) {
            assertThat(post("/@notifications", "not json").statusCode()).isEqualTo(400);
            assertThat(post("/@notifications", "{\"users\":[\"picky\"]}").body()).contains("needs \\\"data\\\"");
            assertThat(post("/@notifications", "{\"users\":\"picky\",\"data\":1}").statusCode()).isEqualTo(400);
            assertThat(post("/@notifications", "{\"users\":[7],\"data\":1}").statusCode()).isEqualTo(400);
            HttpResponse<String> tooLarge = post("/@notifications", request(List.of("picky"), List.of(), 0)
                    .replace("notification", "x".repeat(2000)));
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.headers().firstValue("x-amzn-ErrorType")).hasValue("PayloadTooLargeException");
            HttpResponse<String> wrongMethod = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.server().httpUri()
                    + "/app/@notifications")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrongMethod.statusCode()).isEqualTo(405);
            assertThat(post("/@notifications", "{\"users\":[\"picky\"],\"data\":\"after\"}").statusCode())
                    .isEqualTo(200);
            assertThat(client.next()).as("the first message that reached the client").isEqualTo("\"after\"");
        }
    }
}
