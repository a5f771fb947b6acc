package io.switchboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.json.Json;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The authorizer and the real-time stack together, with nothing configured but the authorizer: a connection belongs
 * to the token's subject ({@code connections.user-id} defaults to {@code $context.authorizer.principalId}), so users,
 * presence, the route integrations' {@code user_id} and notifications all speak of the signed-in user, never of a
 * connection id.
 */
class AuthorizedUsersTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                dev-issuer: {enabled: true, key-file: "%s"}
                apis:
                  - name: app
                    stage: app
                    authorizers: [{name: dev, type: jwt, dev-issuer: true}]
                    presence: {queue: presence}
                    routes:
                      $connect: {authorizer: dev}
                      send: {integration: {type: queue, queue: inbox}, route-response: true}
                    topics:
                      notifications: {subscribers: [{pusher: true}]}
                    queues:
                      presence: {}
                      inbox: {}
                """.formatted(dir.resolve("key.json")));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String token(String user) throws Exception {
        String origin = gateway.server().httpUri().toString();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(origin + "/dev-issuer/token"))
                .header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + user + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.MAPPER.readTree(answer.body()).get("token").asString();
    }

    private static TestWsClient signedIn(String user) throws Exception {
        return gateway.connect("app?authorization=" + token(user));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    /** Every message of a queue, deleted as it is read. */
    private static List<JsonNode> drain(String queue) {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            JsonNode messages = json(gateway.call("GET", "/app/@queues/" + queue + "/messages?max_messages=10",
                    null)).get("messages");
            if (messages.isEmpty()) {
                return out;
            }
            for (JsonNode m : messages) {
                out.add(m);
                gateway.call("DELETE", "/app/@queues/" + queue + "/messages/"
                        + URLEncoder.encode(m.get("receipt_handle").asString(), StandardCharsets.UTF_8), null);
            }
        }
    }

    private static List<String> presence(List<JsonNode> events) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode body = Json.MAPPER.readTree(e.get("body").asString());
            out.add(body.get("message").get("user_id").asString() + " " + body.get("message").get("status")
                    .asString());
        }
        return out;
    }

    @Test
    void theTokensSubjectIsTheUserEverywhere() throws Exception {
        drain("presence");
        try (TestWsClient phone = signedIn("alice");
             TestWsClient laptop = signedIn("alice");
             TestWsClient bob = signedIn("bob")) {
            await().until(() -> json(gateway.call("GET", "/app/@users/alice", null)).get("connections").size() == 2);
            assertThat(json(gateway.call("GET", "/app/@users", null)).get("users"))
                    .extracting(JsonNode::asString).containsExactlyInAnyOrder("alice", "bob");

            phone.send("{\"action\":\"send\",\"message\":\"hello\"}");
            assertThat(phone.next()).contains("messageId");
            JsonNode sent = drain("inbox").get(0);
            assertThat(sent.get("attributes").get("user_id").asString()).isEqualTo("alice");

            assertThat(gateway.call("POST", "/app/@notifications",
                    "{\"users\":[\"alice\"],\"data\":{\"text\":\"for alice\"}}").statusCode()).isEqualTo(200);
            assertThat(phone.next()).contains("for alice");
            assertThat(laptop.next()).contains("for alice");
            bob.expectNothing(Duration.ofMillis(300));
        }
        await().until(() -> json(gateway.call("GET", "/app/@users", null)).get("users").isEmpty());
        List<String> events = new ArrayList<>();
        await().untilAsserted(() -> {
            events.addAll(presence(drain("presence")));
            assertThat(events).containsExactlyInAnyOrder("alice ONLINE", "bob ONLINE", "alice OFFLINE",
                    "bob OFFLINE");
        });
        assertThat(events.indexOf("alice ONLINE")).isLessThan(events.indexOf("alice OFFLINE"));
    }
}
