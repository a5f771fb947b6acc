package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.redis.Deliveries;
import io.switchboard.redis.RedisProcess;
import io.switchboard.redis.Traffic;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 of one of three gateways on one Redis, under traffic that runs before, during and after: within the
 * heartbeat expiry the others remove what it held (its connections' entries, their rooms), its users go OFFLINE
 * where that was their last device, {@code @connections} answers 410 for them from every node, and the clients of
 * the living nodes notice nothing: every post to them that was acknowledged arrived, once, and none was closed.
 * Prints what it did and what it saw.
 */
class KilledNodeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The documented bound of the clean-up: node-expiry (2 s here) plus one node-heartbeat (500 ms). */
    private static final Duration CLEAN_UP_BOUND = Duration.ofMillis(2500);

    /** A post to one of the dead node's connections: when it was sent, relative to the kill, and its answer. */
    private record DeadPost(long sentNanos, long answeredNanos, int status) {
    }

    @Test
    void theOthersCleanUpAfterAKilledNodeUnderTraffic(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("cluster.yaml");
        Files.writeString(config, """
                server: {host: 127.0.0.1, access-log: off, node-heartbeat: 500ms, node-expiry: 2s}
                apis:
                  - name: chat
                    stage: chat
                    routes:
                      whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                    connections: {user-id: $request.querystring.user}
                """);
        List<GatewayProcess> nodes = new ArrayList<>();
        List<TestWsClient> clients = new ArrayList<>();
        try (RedisProcess redis = RedisProcess.start()) {
            for (String node : List.of("a", "b", "c")) {
                nodes.add(GatewayProcess.start(config, "--engine", "redis", "--redis-uri", redis.uri().toString(),
                        "--node-id", "node-" + node));
            }
            GatewayProcess a = nodes.get(0);
            GatewayProcess b = nodes.get(1);
            GatewayProcess c = nodes.get(2);
            TestWsClient bobOnA = connect(a, "bob", clients);
            String bobHere = idOf(bobOnA);
            String bobThere = idOf(connect(c, "bob", clients));
            String alice = idOf(connect(c, "alice", clients));
            // The traffic's clients: two on each surviving node, all in the room with bob's and alice's devices.
            Map<String, Deliveries> onA = trafficClients(a, List.of("ann", "amy"), clients);
            Map<String, Deliveries> onB = trafficClients(b, List.of("ben", "bea"), clients);
            Map<String, Deliveries> living = new TreeMap<>(onA);
            living.putAll(onB);
            living.put(bobHere, new Deliveries(bobOnA));
            for (String id : List.of(bobHere, bobThere, alice)) {
                assertThat(send(a, "PUT", "/chat/@groups/room/members/" + id).statusCode()).isEqualTo(204);
            }
            for (String id : living.keySet()) {
                assertThat(send(b, "PUT", "/chat/@groups/room/members/" + id).statusCode()).isEqualTo(204);
            }
            Awaitility.await().until(() -> "ONLINE".equals(json(a, "/chat/@users/alice").get("status").asString()));
            Awaitility.await().until(() -> json(b, "/healthz").get("nodes").size() == 3);

            AtomicLong killedAt = new AtomicLong(); // 0 until the kill
            Traffic direct = new Traffic();
            Traffic room = new Traffic();
            Traffic dead = new Traffic();
            Map<String, Integer> roomAnswers = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<DeadPost> deadPosts = new ConcurrentLinkedQueue<>();
            AtomicInteger turn = new AtomicInteger();
            // Cross-node posts, back to back: node a to the clients of node b, and b to those of a.
            direct.loop("a-to-b", () -> postTo(direct, a, pick(onB, turn)));
            direct.loop("b-to-a", () -> postTo(direct, b, pick(onA, turn)));
            room.loop("room", () -> {
                String tag = room.nextTag("room");
                GatewayProcess from = turn.incrementAndGet() % 2 == 0 ? a : b;
                HttpResponse<String> answer = room.exchange(() -> HTTP.send(request(from, "POST",
                        "/chat/@groups/room", tag), HttpResponse.BodyHandlers.ofString()));
                if (answer != null && answer.statusCode() == 200) {
                    living.values().forEach(client -> client.acknowledged(tag));
                    JsonNode counts = JSON.readTree(answer.body());
                    roomAnswers.merge("delivered " + counts.get("delivered") + ", gone " + counts.get("gone"), 1,
                            Integer::sum);
                }
            });
            dead.loop("to-the-dead", () -> {
                GatewayProcess from = turn.incrementAndGet() % 2 == 0 ? a : b;
                String target = turn.get() % 3 == 0 ? alice : bobThere;
                long sent = System.nanoTime();
                int status = dead.call(() -> send(from, "POST", "/chat/@connections/" + target));
                long answered = System.nanoTime();
                long kill = killedAt.get();
                // Relative to the kill; a post answered before it began counts as before the kill.
                deadPosts.add(new DeadPost(kill == 0 ? -1 : sent - kill, kill == 0 ? -1 : answered - kill, status));
            });
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> direct.count(200) >= 50
                    && room.count(200) >= 20 && dead.count(200) >= 20);

            long killed = System.nanoTime();
            killedAt.set(killed);
            c.kill();
            System.out.printf("KilledNodeTest: killed node-c (SIGKILL), which held alice and one of bob's devices, "
                    + "after %d posts%n", direct.count(200) + room.count(200));

            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                    "OFFLINE".equals(json(a, "/chat/@users/alice").get("status").asString()));
            long cleanedUp = Duration.ofNanos(System.nanoTime() - killed).toMillis();
            System.out.printf("KilledNodeTest: alice OFFLINE on node-a %d ms after the kill%n", cleanedUp);
            JsonNode bob = json(b, "/chat/@users/bob");
            assertThat(bob.get("status").asString()).isEqualTo("ONLINE");
            assertThat(bob.get("connections").size()).isEqualTo(1);
            assertThat(bob.get("connections").get(0).get("node").asString()).isEqualTo("node-a");
            assertThat(json(b, "/chat/@users").get("users").valueStream().map(JsonNode::asString).toList())
                    .as("users with a connection somewhere").contains("bob").doesNotContain("alice");
            JsonNode members = json(b, "/chat/@groups/room").get("members");
            assertThat(members.valueStream().map(JsonNode::asString).toList())
                    .containsExactlyInAnyOrderElementsOf(living.keySet());
            for (GatewayProcess node : List.of(a, b)) {
                for (String gone : List.of(alice, bobThere)) {
                    assertThat(send(node, "GET", "/chat/@connections/" + gone).statusCode()).isEqualTo(410);
                    assertThat(send(node, "POST", "/chat/@connections/" + gone).statusCode()).isEqualTo(410);
                }
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                        json(node, "/healthz").get("nodes").size() == 2);
            }
            System.out.println("KilledNodeTest: nodes seen by node-a after the clean-up: " + json(a, "/healthz")
                    .get("nodes"));

            // A little traffic after the clean-up too, then stop it and count.
            int directAtCleanUp = direct.count(200);
            int deadAtCleanUp = dead.count(410);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> direct.count(200) >= directAtCleanUp + 50
                    && dead.count(410) >= deadAtCleanUp + 20);
            direct.close();
            room.close();
            dead.close();
            Map<String, Object> missing = new TreeMap<>();
            Map<String, Object> duplicates = new TreeMap<>();
            int received = 0;
            for (Map.Entry<String, Deliveries> client : living.entrySet()) {
                var notArrived = client.getValue().await(Duration.ofSeconds(20));
                if (!notArrived.isEmpty()) {
                    missing.put(client.getKey(), notArrived);
                }
                if (!client.getValue().duplicates().isEmpty()) {
                    duplicates.put(client.getKey(), client.getValue().duplicates());
                }
                received += client.getValue().receivedCount();
            }
            long bound = CLEAN_UP_BOUND.toNanos();
            Map<Integer, Long> deadBefore = statuses(deadPosts, p -> p.answeredNanos() < 0);
            Map<Integer, Long> deadWithin = statuses(deadPosts, p -> p.answeredNanos() >= 0
                    && p.sentNanos() < bound);
            Map<Integer, Long> deadAfter = statuses(deadPosts, p -> p.sentNanos() >= bound);
            System.out.printf("KilledNodeTest: under traffic, clean-up observed %d ms after the kill; cross-node posts"
                    + " answered %s (slowest %d ms), room posts %s (%s; slowest %d ms); the living clients received "
                    + "%d messages, missing %s, duplicates %s; posts to node-c's connections answered %s before the "
                    + "kill, %s within %d ms of it, %s after%n", cleanedUp, direct.statuses(),
                    direct.slowest().toMillis(), room.statuses(), roomAnswers, room.slowest().toMillis(), received,
                    missing, duplicates, deadBefore, deadWithin, CLEAN_UP_BOUND.toMillis(), deadAfter);
            assertThat(direct.statuses().keySet()).as("every post to a living client acknowledged").containsOnly(200);
            assertThat(room.statuses().keySet()).as("every room post acknowledged").containsOnly(200);
            assertThat(missing).as("acknowledged messages that never arrived").isEmpty();
            assertThat(duplicates).as("messages received twice").isEmpty();
            assertThat(deadBefore.keySet()).as("node-c's connections before the kill").containsOnly(200);
            assertThat(deadWithin.keySet()).as("before the expiry, delivered or gone").isSubsetOf(200, 410);
            assertThat(deadAfter.keySet()).as("node-c's connections once the expiry passed").containsOnly(410);
            for (Deliveries client : living.values()) {
                assertThat(client.client().isClosed()).as("a living node's client was closed").isFalse();
            }
            assertThat(idOf(bobOnA)).as("the living node's client noticed nothing").isEqualTo(bobHere);
        } finally {
            clients.forEach(TestWsClient::close);
            for (GatewayProcess node : nodes) {
                node.close();
            }
        }
    }

    /** Connects one client per user to a node; returns them by connection id, ready to count what they get. */
    private static Map<String, Deliveries> trafficClients(GatewayProcess node, List<String> users,
                                                          List<TestWsClient> opened) {
        Map<String, Deliveries> out = new TreeMap<>();
        for (String user : users) {
            TestWsClient client = connect(node, user, opened);
            out.put(idOf(client), new Deliveries(client));
        }
        return out;
    }

    private static Map.Entry<String, Deliveries> pick(Map<String, Deliveries> clients, AtomicInteger turn) {
        List<Map.Entry<String, Deliveries>> entries = List.copyOf(clients.entrySet());
        return entries.get(Math.floorMod(turn.incrementAndGet(), entries.size()));
    }

    /** One tagged post to a living client through another node; the tag is expected there if it answered 200. */
    private static void postTo(Traffic traffic, GatewayProcess from, Map.Entry<String, Deliveries> to) {
        String tag = traffic.nextTag("direct");
        if (traffic.call(() -> HTTP.send(request(from, "POST", "/chat/@connections/" + to.getKey(), tag),
                HttpResponse.BodyHandlers.ofString())) == 200) {
            to.getValue().acknowledged(tag);
        }
    }

    private static Map<Integer, Long> statuses(ConcurrentLinkedQueue<DeadPost> posts,
                                               java.util.function.Predicate<DeadPost> which) {
        return posts.stream().filter(which).collect(Collectors.groupingBy(DeadPost::status, TreeMap::new,
                Collectors.counting()));
    }

    private static TestWsClient connect(GatewayProcess node, String user, List<TestWsClient> opened) {
        TestWsClient client = TestWsClient.connect(node.ws("chat?user=" + user));
        opened.add(client);
        return client;
    }

    private static String idOf(TestWsClient client) {
        return client.send("{\"action\":\"whoami\"}").next();
    }

    private static HttpRequest request(GatewayProcess node, String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(node.http() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> send(GatewayProcess node, String method, String path) throws Exception {
        return HTTP.send(request(node, method, path, method.equals("POST") ? "x" : ""),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(GatewayProcess node, String path) throws Exception {
        return JSON.readTree(send(node, "GET", path).body());
    }
}
