package io.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.Switchboard;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.examples.browser.ExampleServer;
import io.switchboard.json.Json;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The bundled example configuration, served as {@code ./switchboard start} serves it (on a free port here). */
class ExampleConfigTest {
    private static ExampleServer examples;
    private static Switchboard server;

    @BeforeAll
    static void start() {
        examples = ExampleServer.start();
        server = examples.server();
    }

    @AfterAll
    static void stop() {
        examples.close();
    }

    @Test
    void theBundledConfigurationListensOnThisMachineOnly() {
        SwitchboardConfig config = ConfigLoader.create().loadResource("/examples/switchboard.yaml");
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.devIssuer().enabled()).isTrue();
        assertThat(config.devIssuer().allowNonLoopback()).isFalse();
        SwitchboardConfig onNetwork = ConfigLoader.withEnvironment(Map.of("SWITCHBOARD_DEV_ISSUER_ALLOW_NON_LOOPBACK",
                "true")).loadResource("/examples/switchboard.yaml");
        assertThat(onNetwork.devIssuer().allowNonLoopback()).isTrue();
    }

    @Test
    void pingAnswersPongWithTheConnectionId() {
        try (TestWsClient client = TestWsClient.connect(server.webSocketUri("production"))) {
            client.send("{\"action\":\"ping\"}");
            JsonNode pong = Json.MAPPER.readTree(client.next());
            assertThat(pong.get("type").asString()).isEqualTo("pong");
            assertThat(pong.get("statusCode").asInt()).isEqualTo(200);
            client.send("{\"action\":\"GET_CONNECTION_ID\"}");
            String id = Json.MAPPER.readTree(client.next()).get("connectionId").asString();
            assertThat(pong.get("connectionId").asString()).isEqualTo(id).endsWith("=");
        }
    }

    @Test
    void twoClientsGetDifferentIds() {
        try (TestWsClient a = TestWsClient.connect(server.webSocketUri("production"));
             TestWsClient b = TestWsClient.connect(server.webSocketUri("production"))) {
            a.send("{\"action\":\"GET_CONNECTION_ID\"}");
            b.send("{\"action\":\"GET_CONNECTION_ID\"}");
            assertThat(a.next()).isNotEqualTo(b.next());
        }
    }

    @Test
    void echoSendsTheMessageBack() {
        try (TestWsClient client = TestWsClient.connect(server.webSocketUri("production"))) {
            client.send("{\"action\":\"echo\",\"text\":\"héllo\"}");
            assertThat(client.next()).isEqualTo("{\"action\":\"echo\",\"text\":\"héllo\"}");
        }
    }

    @Test
    void theLiveStackNeedsATokenAndCarriesMessagesPresenceAndNotifications() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String live = server.httpUri() + "/live";
        assertThat(TestWsClient.refusedStatus(server.webSocketUri("live"), Map.of())).isEqualTo(401);
        assertThat(TestWsClient.refusedStatus(URI.create(server.webSocketUri("live") + "?user=alice"), Map.of()))
                .isEqualTo(401);
        URI asAlice = URI.create(server.webSocketUri("live") + "?authorization=" + examples.token("alice"));
        try (TestWsClient alice = TestWsClient.connect(asAlice)) {
            alice.send("{\"action\":\"publish\",\"message\":{\"type\":\"chat\",\"message\":{\"text\":\"hi\"}}}");
            assertThat(Json.MAPPER.readTree(alice.next()).has("messageId")).isTrue();
            List<String> bodies = new ArrayList<>();
            while (bodies.size() < 2) { // alice's presence and her message; presence comes on its own time
                JsonNode got = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(
                        live + "/@queues/messages-audit/messages?max_messages=10&wait_seconds=5")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                got.get("messages").forEach(m -> bodies.add(m.get("body").asString()));
            }
            assertThat(bodies).hasSize(2).contains("{\"type\":\"chat\",\"message\":{\"text\":\"hi\"}}")
                    .anySatisfy(body -> assertThat(body).contains("\"status\":\"ONLINE\"", "\"user_id\":\"alice\""));
            var notified = http.send(HttpRequest.newBuilder(URI.create(live + "/@notifications"))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"users\":[\"alice\"],\"data\":{\"text\":\"hello\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(notified.body()).startsWith("{\"notified\":1,");
            assertThat(alice.next()).isEqualTo("{\"text\":\"hello\"}");
        }
    }

    @Test
    void unknownActionsGetForbiddenAsOnAws() {
        try (TestWsClient client = TestWsClient.connect(server.webSocketUri("production"))) {
            client.send("{\"action\":\"dance\"}");
            assertThat(client.next()).startsWith("{\"message\": \"Forbidden\", \"connectionId\":\"");
        }
    }
}
