package io.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.Realtime;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.Notification;
import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.PushStats;
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
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import tools.jackson.databind.JsonNode;

/**
 * The node seam on two gateways of one in-JVM cluster: whatever a caller asks of node A about a connection held by
 * node B, B carries out, and the answers are those one gateway would give. A group or a push that spans both nodes
 * gives each member exactly one copy, and no node ever removes the other's entries.
 */
class TwoNodeClusterTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String YAML = """
            apis:
              - name: chat
                stage: chat
                routes:
                  whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                connections: {user-id: $request.querystring.user}
            """;

    private static TestCluster cluster;
    private static TestGateway a;
    private static TestGateway b;
    private static ApiGatewayManagementApiClient sdkA;

    @BeforeAll
    static void start() {
        cluster = TestCluster.inMemory(2, YAML, Handlers.none());
        a = cluster.node(0);
        b = cluster.node(1);
        sdkA = ManagementClients.client(a, "chat");
    }

    @AfterAll
    static void stop() {
        sdkA.close();
        cluster.close();
    }

    static String idOf(TestWsClient client) {
        return client.send("{\"action\":\"whoami\"}").next();
    }

    static Realtime realtime(TestGateway node) {
        return node.server().gateway().realtime();
    }

    static HttpResponse<String> call(TestGateway node, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.server().httpUri() + "/chat" + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSdkThroughNodeAPostsInspectsAndClosesAClientOnNodeB() {
        try (TestWsClient client = TestWsClient.connect(b.ws("chat?user=bea"), Map.of("User-Agent", "phone/7"),
                List.of())) {
            String id = idOf(client);
            sdkA.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("from A")));
            assertThat(client.next()).isEqualTo("from A");

            GetConnectionResponse info = sdkA.getConnection(r -> r.connectionId(id));
            assertThat(info.identity().sourceIp()).isEqualTo("127.0.0.1");
            assertThat(info.identity().userAgent()).isEqualTo("phone/7");
            assertThat(info.connectedAt()).isNotNull();

            sdkA.deleteConnection(r -> r.connectionId(id));
            assertThat(client.awaitClose().code()).isEqualTo(1000);
            Awaitility.await().until(() -> realtime(a).users().connectionsOf("chat", "bea").toCompletableFuture()
                    .join().isEmpty());
            assertThatThrownBy(() -> sdkA.postToConnection(r -> r.connectionId(id)
                    .data(SdkBytes.fromUtf8String("too late")))).isInstanceOf(GoneException.class);
            assertThatThrownBy(() -> sdkA.getConnection(r -> r.connectionId(id))).isInstanceOf(GoneException.class);
        }
    }

    @Test
    void aConnectionNobodyHoldsIsGoneFromEveryNode() {
        assertThatThrownBy(() -> sdkA.postToConnection(r -> r.connectionId("bm9ib2R5aGVyZQ=")
                .data(SdkBytes.fromUtf8String("x")))).isInstanceOf(GoneException.class);
    }

    @Test
    void aGroupSpanningBothNodesGivesEachMemberOneCopy() throws Exception {
        List<TestWsClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                members.add((i % 2 == 0 ? a : b).connect("chat?user=g" + i));
            }
            for (TestWsClient member : members) { // all joined through node B, wherever they are
                assertThat(call(b, "PUT", "/@groups/lobby/members/" + idOf(member), "").statusCode())
                        .isEqualTo(204);
            }
            HttpResponse<String> posted = call(a, "POST", "/@groups/lobby", "hello lobby");
            assertThat(posted.statusCode()).isEqualTo(200);
            JsonNode counts = Json.MAPPER.readTree(posted.body());
            assertThat(counts.get("delivered").asInt()).isEqualTo(6);
            assertThat(counts.get("gone").asInt()).isEqualTo(0);
            for (TestWsClient member : members) {
                assertThat(member.next()).isEqualTo("hello lobby");
            }
            HttpResponse<String> excluding = call(b, "POST", "/@groups/lobby?exclude=" + idOf(members.get(0)),
                    "second");
            assertThat(Json.MAPPER.readTree(excluding.body()).get("delivered").asInt()).isEqualTo(5);
            for (TestWsClient member : members.subList(1, 6)) {
                assertThat(member.next()).isEqualTo("second");
            }
            for (TestWsClient member : members) {
                member.expectNothing(Duration.ofMillis(200)); // exactly one copy each, none to the excluded
            }
        } finally {
            members.forEach(TestWsClient::close);
        }
    }

    @Test
    void thePusherOfOneNodeNeverPrunesTheOthersEntries() {
        List<TestWsClient> here = new ArrayList<>();
        List<TestWsClient> there = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                here.add(a.connect("chat?user=p" + i));
                there.add(b.connect("chat?user=p" + i)); // each user has a device on both nodes
            }
            Awaitility.await().until(() -> realtime(a).users().counts("chat").toCompletableFuture().join()
                    .connections() == 6);
            PushStats stats = realtime(a).pusher().push("chat",
                    Notification.to(Set.of("p0", "p1", "p2"), "\"ping\"")).toCompletableFuture().join();
            assertThat(stats.notified()).isEqualTo(6);
            assertThat(stats.gone()).isZero();
            assertThat(stats.pruned()).isZero();
            for (TestWsClient client : concat(here, there)) {
                assertThat(client.next()).isEqualTo("\"ping\"");
                client.expectNothing(Duration.ofMillis(100));
            }
            List<ConnectionRecord> entries = realtime(b).users().connectionsOf("chat", "p1").toCompletableFuture()
                    .join();
            assertThat(entries).extracting(ConnectionRecord::nodeId).containsExactlyInAnyOrder("node-a", "node-b");
        } finally {
            concat(here, there).forEach(TestWsClient::close);
        }
    }

    @Test
    void aUserWithDevicesOnBothNodesStaysOnlineUntilTheLastCloses() {
        TestWsClient onA = a.connect("chat?user=dev");
        TestWsClient onB = b.connect("chat?user=dev");
        Awaitility.await().until(() -> status(b, "dev") == PresenceStatus.ONLINE
                && realtime(a).users().connectionsOf("chat", "dev").toCompletableFuture().join().size() == 2);
        onA.close();
        Awaitility.await().until(() -> realtime(a).users().connectionsOf("chat", "dev").toCompletableFuture()
                .join().size() == 1);
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> status(a, "dev") == PresenceStatus.ONLINE);
        onB.close();
        Awaitility.await().until(() -> status(a, "dev") == PresenceStatus.OFFLINE);
    }

    private static PresenceStatus status(TestGateway node, String user) {
        return realtime(node).users().presence("chat", user).toCompletableFuture().join().status();
    }

    private static List<TestWsClient> concat(List<TestWsClient> x, List<TestWsClient> y) {
        List<TestWsClient> all = new ArrayList<>(x);
        all.addAll(y);
        return all;
    }
}
