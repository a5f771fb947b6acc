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
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 of one of three gateways on one Redis: within the heartbeat expiry the others remove what it held (its
 * connections' entries, their rooms), its users go OFFLINE where that was their last device, {@code @connections}
 * answers 410 for them from every node, and the clients of the living nodes notice nothing. Prints what it did and
 * what it saw.
 */
class KilledNodeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theOthersCleanUpAfterAKilledNode(@TempDir Path dir) throws Exception {
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
            for (String id : List.of(bobHere, bobThere, alice)) {
                assertThat(send(a, "PUT", "/chat/@groups/room/members/" + id).statusCode()).isEqualTo(204);
            }
            Awaitility.await().until(() -> "ONLINE".equals(json(a, "/chat/@users/alice").get("status").asString()));
            Awaitility.await().until(() -> json(b, "/healthz").get("nodes").size() == 3);

            c.kill();
            long killed = System.nanoTime();
            System.out.println("KilledNodeTest: killed node-c (SIGKILL), which held alice and one of bob's devices");

            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                    "OFFLINE".equals(json(a, "/chat/@users/alice").get("status").asString()));
            System.out.printf("KilledNodeTest: alice OFFLINE on node-a %d ms after the kill%n",
                    Duration.ofNanos(System.nanoTime() - killed).toMillis());
            JsonNode bob = json(b, "/chat/@users/bob");
            assertThat(bob.get("status").asString()).isEqualTo("ONLINE");
            assertThat(bob.get("connections").size()).isEqualTo(1);
            assertThat(bob.get("connections").get(0).get("node").asString()).isEqualTo("node-a");
            JsonNode room = json(b, "/chat/@groups/room");
            assertThat(room.get("members").size()).isEqualTo(1);
            assertThat(room.get("members").get(0).asString()).isEqualTo(bobHere);
            for (GatewayProcess node : List.of(a, b)) {
                for (String gone : List.of(alice, bobThere)) {
                    assertThat(send(node, "GET", "/chat/@connections/" + gone).statusCode()).isEqualTo(410);
                    assertThat(send(node, "POST", "/chat/@connections/" + gone).statusCode()).isEqualTo(410);
                }
            }
            Awaitility.await().until(() -> json(a, "/healthz").get("nodes").size() == 2);
            System.out.println("KilledNodeTest: nodes seen by node-a after the clean-up: " + json(a, "/healthz")
                    .get("nodes"));
            assertThat(idOf(bobOnA)).as("the living node's client noticed nothing").isEqualTo(bobHere);
        } finally {
            clients.forEach(TestWsClient::close);
            for (GatewayProcess node : nodes) {
                node.close();
            }
        }
    }

    private static TestWsClient connect(GatewayProcess node, String user, List<TestWsClient> opened) {
        TestWsClient client = TestWsClient.connect(node.ws("chat?user=" + user));
        opened.add(client);
        return client;
    }

    private static String idOf(TestWsClient client) {
        return client.send("{\"action\":\"whoami\"}").next();
    }

    private static HttpResponse<String> send(GatewayProcess node, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.http() + path))
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("x")
                        : HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(GatewayProcess node, String path) throws Exception {
        return JSON.readTree(send(node, "GET", path).body());
    }
}
