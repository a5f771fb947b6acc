package io.switchboard.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.examples.Messages;
import io.switchboard.examples.browser.ExampleServer;
import io.switchboard.json.Json;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The real-time console's backend on the example {@code live} API, over WebSockets: presence reaches everyone but the
 * user it is about, {@code get_connected_users} answers the asker, and a message published to the topic or sent to
 * the queue reaches exactly the users its push mode names; bad messages get the sender an error.
 */
class ConsoleBackendTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static ExampleServer server;

    @BeforeAll
    static void start() {
        server = ExampleServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestWsClient signIn(String user) {
        return TestWsClient.connect(URI.create(server.webSocket("live") + "?authorization=" + server.token(user)));
    }

    private static boolean isPresence(JsonNode message) {
        return message.path("type").asString("").equals("presence");
    }

    /**
     * The next message that is not a presence event. Presence travels on its own time (the connections store, the
     * watchdog, the topic, the backend, the pusher), so an earlier user's ONLINE may reach a user who connected
     * just after; the presence test checks presence on its own.
     */
    private static JsonNode next(TestWsClient client) {
        while (true) {
            JsonNode message = Json.MAPPER.readTree(client.next());
            if (!isPresence(message)) {
                return message;
            }
        }
    }

    /** Waits for a user's presence event, letting other users' presence events by. */
    private static void expectPresence(TestWsClient client, String user, String status) {
        while (true) {
            JsonNode message = Json.MAPPER.readTree(client.next());
            assertThat(isPresence(message)).as("before the presence of %s: %s", user, message).isTrue();
            if (message.get("message").get("user_id").asString().equals(user)) {
                assertThat(message.get("message").get("status").asString()).isEqualTo(status);
                return;
            }
        }
    }

    /** Asserts that nothing but presence events arrives for a while. */
    private static void expectNoMessage(TestWsClient client) {
        long deadline = System.nanoTime() + QUIET.toNanos();
        for (long left = QUIET.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            String text;
            try {
                text = client.next(Duration.ofNanos(left));
            } catch (AssertionError quiet) {
                return; // nothing came
            }
            assertThat(isPresence(Json.MAPPER.readTree(text))).as("unexpected %s", text).isTrue();
        }
    }

    /** Sends on a route and returns what the backend answered (the route's own {"messageId"} answer set aside). */
    private static JsonNode call(TestWsClient client, String route, Object message) {
        client.send(Messages.json("action", route, "message", message));
        List<JsonNode> got = new ArrayList<>(List.of(next(client), next(client)));
        assertThat(got).filteredOn(m -> m.has("messageId")).hasSize(1);
        return got.stream().filter(m -> !m.has("messageId")).findFirst().orElseThrow();
    }

    @Test
    void presenceGoesToTheOthersAndConnectedUsersToTheAsker() {
        try (TestWsClient ann = signIn("ann")) {
            try (TestWsClient ben = signIn("ben")) {
                expectPresence(ann, "ben", "ONLINE");
                JsonNode users = call(ben, "publish", Map.of("type", "get_connected_users",
                        "message", Map.of("usage", "contact")));
                assertThat(users.get("type").asString()).isEqualTo("connected_users");
                assertThat(users.get("message").get("users").toString()).isEqualTo("[\"ann\"]");
                expectNoMessage(ben);
            }
            expectPresence(ann, "ben", "OFFLINE");
            expectNoMessage(ann);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"publish", "send"})
    void eachPushModeReachesExactlyItsUsers(String route) {
        String a = route + "-a";
        String b = route + "-b";
        String c = route + "-c";
        try (TestWsClient first = signIn(a); TestWsClient second = signIn(b); TestWsClient third = signIn(c)) {
            expectPresence(first, c, "ONLINE"); // presence of different users comes in any order
            expectPresence(second, c, "ONLINE");

            JsonNode echo = call(first, route, message("just me", "UNICAST", List.of()));
            assertThat(echo.get("type").asString()).isEqualTo("message");
            assertThat(echo.get("message").get("text").asString()).isEqualTo("just me");
            assertThat(echo.get("message").get("user_id").asString()).isEqualTo(a);
            assertThat(echo.get("message").get("push_mode").asString()).isEqualTo("UNICAST");
            assertThat(echo.get("message").get("via").asString()).isEqualTo(route);
            assertThat(echo.get("message").get("timestamp").asLong()).isPositive();

            first.send(Messages.json("action", route, "message", message("to c", "MULTICAST", List.of(c))));
            assertThat(next(first).has("messageId")).isTrue();
            assertThat(next(third).get("message").get("text").asString()).isEqualTo("to c");

            first.send(Messages.json("action", route, "message", message("to all", "BROADCAST", List.of())));
            assertThat(next(first).has("messageId")).isTrue();
            assertThat(next(second).get("message").get("text").asString()).isEqualTo("to all");
            assertThat(next(third).get("message").get("text").asString()).isEqualTo("to all");

            expectNoMessage(first);
            expectNoMessage(second);
            expectNoMessage(third);
        }
    }

    @Test
    void aMessageThatCannotBeDeliveredGetsTheSenderAnError() {
        try (TestWsClient zed = signIn("zed")) {
            assertThat(error(call(zed, "publish", message("nobody", "MULTICAST", List.of())))).contains("MULTICAST");
            assertThat(error(call(zed, "send", message("where?", "SIDEWAYS", List.of())))).contains("push_mode");
            assertThat(error(call(zed, "publish", message("x".repeat(501), "UNICAST", List.of())))).contains("500");
            assertThat(error(call(zed, "send", message("  ", "UNICAST", List.of())))).contains("1 to 500");
            // Other types are for other backends: nothing comes back but the route's answer.
            zed.send(Messages.json("action", "publish", "message", Map.of("type", "chat", "message", "hi")));
            assertThat(next(zed).has("messageId")).isTrue();
            expectNoMessage(zed);
        }
    }

    private static Map<String, Object> message(String text, String mode, List<String> users) {
        return Map.of("type", "message", "message", Map.of("text", text, "push_mode", mode, "users", users));
    }

    private static String error(JsonNode answer) {
        assertThat(answer.get("type").asString()).isEqualTo("error");
        return answer.get("message").get("text").asString();
    }
}
