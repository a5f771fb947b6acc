package io.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.Realtime;
import io.switchboard.engine.MemoryCluster;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.QueueMessage;
import io.switchboard.json.Json;
import io.switchboard.testing.ManagementClients;
import io.switchboard.testing.TestCluster;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import tools.jackson.databind.JsonNode;

/**
 * A node that dies without a word (here: vanishes from an in-JVM cluster, as a killed process would): once its
 * heartbeat expired, another node removes the entries of every connection it held, their users go OFFLINE where that
 * was their last connection (one event each), they leave their rooms, and {@code @connections} answers 410 for them.
 * The living node's clients notice nothing.
 */
class DeadNodeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String YAML = """
            server: {node-heartbeat: 100ms, node-expiry: 400ms}
            apis:
              - name: chat
                stage: chat
                routes:
                  whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                connections: {user-id: $request.querystring.user}
                presence: {queue: presence}
                queues:
                  presence: {}
            """;

    @Test
    void theConnectionsOfANodeThatStoppedBeatingAreCleanedUpByAnother() throws Exception {
        MemoryCluster memory = new MemoryCluster();
        try (TestCluster cluster = TestCluster.on(memory, 2, YAML, Handlers.none());
             ApiGatewayManagementApiClient sdkA = ManagementClients.client(cluster.node(0), "chat")) {
            TestGateway a = cluster.node(0);
            TestGateway b = cluster.node(1);
            TestWsClient bobOnA = a.connect("chat?user=bob");
            TestWsClient bobOnB = b.connect("chat?user=bob");
            TestWsClient aliceOnB = b.connect("chat?user=alice");
            String alice = ClusterCalls.idOf(aliceOnB);
            String bobThere = ClusterCalls.idOf(bobOnB);
            String bobHere = ClusterCalls.idOf(bobOnA);
            for (String id : List.of(alice, bobThere, bobHere)) {
                assertThat(put(a, "/@groups/room/members/" + id)).isEqualTo(204);
            }
            Awaitility.await().until(() -> presence(a, "alice") == PresenceStatus.ONLINE
                    && presence(a, "bob") == PresenceStatus.ONLINE);
            Awaitility.await().until(() -> health(a).get("nodes").size() == 2);

            memory.crash("node-b");

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> realtime(a).users()
                    .connectionsOf("chat", "alice").toCompletableFuture().join().isEmpty());
            Awaitility.await().until(() -> presence(a, "alice") == PresenceStatus.OFFLINE);
            assertThat(presence(a, "bob")).as("bob still has a connection on A").isEqualTo(PresenceStatus.ONLINE);
            assertThat(realtime(a).users().connectionsOf("chat", "bob").toCompletableFuture().join())
                    .extracting(r -> r.nodeId()).containsExactly("node-a");
            Awaitility.await().until(() -> realtime(a).users().connectionsOf("chat", "bob").toCompletableFuture()
                    .join().size() == 1);
            JsonNode room = Json.MAPPER.readTree(get(a, "/chat/@groups/room"));
            assertThat(room.get("members").size()).isEqualTo(1);
            assertThat(room.get("members").get(0).asString()).isEqualTo(bobHere);
            for (String gone : List.of(alice, bobThere)) {
                assertThatThrownBy(() -> sdkA.postToConnection(r -> r.connectionId(gone)
                        .data(SdkBytes.fromUtf8String("x")))).isInstanceOf(GoneException.class);
            }
            JsonNode nodes = health(a).get("nodes");
            assertThat(nodes.size()).isEqualTo(1);
            assertThat(nodes.get(0).get("node").asString()).isEqualTo("node-a");

            // Alice's events: ONLINE once, OFFLINE once; the living node's client did not notice anything.
            List<String> events = new ArrayList<>();
            for (List<QueueMessage> batch = receive(a); !batch.isEmpty(); batch = receive(a)) {
                for (QueueMessage m : batch) {
                    JsonNode message = Json.MAPPER.readTree(m.body()).get("message");
                    if (message.get("user_id").asString().equals("alice")) {
                        events.add(message.get("status").asString());
                    }
                }
            }
            assertThat(events).containsExactly("ONLINE", "OFFLINE");
            assertThat(bobOnA.isClosed()).isFalse();
            assertThat(ClusterCalls.idOf(bobOnA)).isEqualTo(bobHere);
        }
    }

    private static Realtime realtime(TestGateway node) {
        return ClusterCalls.realtime(node);
    }

    private static PresenceStatus presence(TestGateway node, String user) {
        return realtime(node).users().presence("chat", user).toCompletableFuture().join().status();
    }

    private static List<QueueMessage> receive(TestGateway node) throws Exception {
        return realtime(node).queues().receive("chat", "presence", 10, Duration.ofMillis(200),
                Optional.of(Duration.ofHours(1))).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int put(TestGateway node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.server().httpUri() + "/chat" + path))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String get(TestGateway node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.server().httpUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonNode health(TestGateway node) throws Exception {
        return Json.MAPPER.readTree(get(node, "/healthz"));
    }
}
