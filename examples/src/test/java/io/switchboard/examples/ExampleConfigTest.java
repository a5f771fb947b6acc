package io.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.Gateway;
import io.switchboard.Switchboard;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.json.Json;
import io.switchboard.testing.TestWsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The bundled example configuration, served as {@code ./switchboard start} serves it (on a free port here). */
class ExampleConfigTest {
    private static Switchboard server;

    @BeforeAll
    static void start() {
        SwitchboardConfig config = ConfigLoader.create().loadResource("/examples/switchboard.yaml");
        Gateway.check(config);
        server = Switchboard.start(config.withServer(config.server().withHost("127.0.0.1").withPort(0)
                .withAccessLog(io.switchboard.config.ServerConfig.AccessLogMode.LOGGER)));
    }

    @AfterAll
    static void stop() {
        server.close();
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
    void theLiveStackCarriesMessagesPresenceAndNotifications() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String live = server.httpUri() + "/live";
        try (TestWsClient alice = TestWsClient.connect(java.net.URI.create(server.webSocketUri("live") + "?user=alice"))) {
            alice.send("{\"action\":\"publish\",\"message\":{\"type\":\"chat\",\"message\":{\"text\":\"hi\"}}}");
            assertThat(Json.MAPPER.readTree(alice.next()).has("messageId")).isTrue();
            java.util.List<String> bodies = new java.util.ArrayList<>();
            while (bodies.size() < 2) { // alice's presence and her message, in that order
                JsonNode got = Json.MAPPER.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        live + "/@queues/messages-audit/messages?max_messages=10&wait_seconds=5")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body());
                got.get("messages").forEach(m -> bodies.add(m.get("body").asString()));
            }
            assertThat(bodies.get(0)).contains("\"status\":\"ONLINE\"", "\"user_id\":\"alice\"");
            assertThat(bodies.get(1)).isEqualTo("{\"type\":\"chat\",\"message\":{\"text\":\"hi\"}}");
            var notified = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(live + "/@notifications"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"users\":[\"alice\"],\"data\":{\"text\":\"hello\"}}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
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
