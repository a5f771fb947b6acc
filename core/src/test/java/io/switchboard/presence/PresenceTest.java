package io.switchboard.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.Realtime;
import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.QueueMessage;
import io.switchboard.handler.UserPresence;
import io.switchboard.json.Json;
import io.switchboard.testing.QueueReader;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Presence against a real gateway and real clients: one ONLINE when a user's first device connects, one OFFLINE when
 * the last one leaves, the events of each user in order and none lost, however fast users reconnect.
 */
class PresenceTest {
    private static TestGateway gateway;
    private static Realtime realtime;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: chat
                    stage: chat
                    routes:
                      ping: {integration: {type: mock, response-template: pong}, route-response: true}
                    connections: {user-id: $request.querystring.user}
                    presence: {queue: presence}
                    queues:
                      presence: {}
                """);
        realtime = gateway.server().gateway().realtime();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static TestWsClient device(String user) {
        return gateway.connect("chat?user=" + user);
    }

    private static TestWsClient device(HttpClient http, String user) {
        return TestWsClient.connect(http, gateway.ws("chat?user=" + user), Map.of(), List.of());
    }

    private static int connectionsOf(String user) {
        return realtime.users().connectionsOf("chat", user).toCompletableFuture().join().size();
    }

    /** The (status, user) of a presence event, after checking its shape and attributes. */
    private static String event(QueueMessage m) {
        JsonNode event = Json.MAPPER.readTree(m.body());
        assertThat(event.get("type").asString()).isEqualTo("presence");
        JsonNode message = event.get("message");
        assertThat(m.attributes()).containsEntry("source", "switchboard.presence")
                .containsEntry("user_id", message.get("user_id").asString())
                .containsEntry("timestamp", Long.toString(message.get("timestamp").asLong()));
        return message.get("status").asString() + " " + message.get("user_id").asString();
    }

    @Test
    void withTwoDevicesTheUserGoesOfflineOnlyWhenBothHaveClosed() {
        QueueReader events = new QueueReader(gateway, "chat", "presence");
        TestWsClient phone = device("alice");
        assertThat(eventOf(events, "alice")).isEqualTo("ONLINE alice");
        TestWsClient laptop = device("alice");
        await().until(() -> connectionsOf("alice") == 2);
        phone.close();
        await().until(() -> connectionsOf("alice") == 1);
        assertThat(realtime.users().presence("chat", "alice").toCompletableFuture().join().status())
                .isEqualTo(PresenceStatus.ONLINE);
        laptop.close();
        QueueMessage offline = events.find(m -> event(m).endsWith(" alice"));
        assertThat(event(offline)).as("the event right after ONLINE").isEqualTo("OFFLINE alice");
        UserPresence lastSeen = realtime.users().presence("chat", "alice").toCompletableFuture().join();
        assertThat(lastSeen.status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(Json.MAPPER.readTree(offline.body()).get("message").get("timestamp").asLong())
                .isEqualTo(lastSeen.since());
        assertThat(events.drain().stream().map(PresenceTest::event)).noneMatch(e -> e.endsWith(" alice"));
    }

    @Test
    void listenersSeeTheStoresInsertAndRemoveOfEachConnection() throws Exception {
        java.util.concurrent.BlockingQueue<io.switchboard.connections.ConnectionChange> changes =
                new java.util.concurrent.LinkedBlockingQueue<>();
        try (AutoCloseable listening = realtime.onConnectionChange(c -> {
            if (c.userId().equals("frank")) {
                changes.add(c);
            }
        })) {
            TestWsClient phone = device("frank");
            TestWsClient laptop = device("frank");
            // A client may read its 101 before the gateway records the connection: wait until both are.
            await().until(() -> connectionsOf("frank") == 2);
            phone.close();
            laptop.close();
            List<io.switchboard.connections.ConnectionChange> seen = new ArrayList<>();
            while (seen.size() < 4) {
                seen.add(changes.poll(10, TimeUnit.SECONDS));
            }
            assertThat(seen).extracting(c -> c.type().name() + " " + c.userConnections())
                    .containsExactly("INSERT 1", "INSERT 2", "REMOVE 1", "REMOVE 0");
            assertThat(seen).allSatisfy(c -> assertThat(c.record().expiresAt() - c.record().connectedAt())
                    .isEqualTo(Duration.ofHours(2).toMillis()));
        }
        QueueReader events = new QueueReader(gateway, "chat", "presence");
        assertThat(List.of(eventOf(events, "frank"), eventOf(events, "frank"))).containsExactly("ONLINE frank",
                "OFFLINE frank");
    }

    /** The next presence event of a user; other users' events before it are dropped. */
    private static String eventOf(QueueReader events, String user) {
        return event(events.find(m -> event(m).endsWith(" " + user)));
    }

    @Test
    void reconnectingOneAfterTheOtherGivesOnePairPerVisit() {
        QueueReader events = new QueueReader(gateway, "chat", "presence");
        int visits = 25;
        for (int i = 0; i < visits; i++) {
            TestWsClient client = device("bob");
            client.close();
            await().until(() -> connectionsOf("bob") == 0);
        }
        List<String> seen = new ArrayList<>();
        while (seen.size() < 2 * visits) {
            seen.add(eventOf(events, "bob"));
        }
        for (int i = 0; i < visits; i++) {
            assertThat(seen.subList(2 * i, 2 * i + 2)).containsExactly("ONLINE bob", "OFFLINE bob");
        }
    }

    @Test
    void aReconnectThatOverlapsTheOldConnectionKeepsTheUserOnline() {
        QueueReader events = new QueueReader(gateway, "chat", "presence");
        TestWsClient current = device("carol");
        for (int i = 0; i < 20; i++) { // the new connection is open before the old one closes, as a client reconnecting
            TestWsClient next = device("carol");
            await().until(() -> connectionsOf("carol") == 2);
            current.close();
            current = next;
            await().until(() -> connectionsOf("carol") == 1);
        }
        current.close();
        assertThat(List.of(eventOf(events, "carol"), eventOf(events, "carol"))).containsExactly("ONLINE carol",
                "OFFLINE carol");
        assertThat(connectionsOf("carol")).isZero();
        assertThat(events.drain().stream().map(PresenceTest::event)).noneMatch(e -> e.endsWith(" carol"));
    }

    @Test
    void aConnectionWithoutAUserIsForgottenOnceItLeft() {
        QueueReader events = new QueueReader(gateway, "chat", "presence");
        TestWsClient anonymous = gateway.connect("chat");
        String id = Json.MAPPER.readTree(events.find(m -> m.attributes().get("user_id").endsWith("=")).body())
                .get("message").get("user_id").asString();
        anonymous.close();
        assertThat(eventOf(events, id)).isEqualTo("OFFLINE " + id);
        await().until(() -> realtime.users().presence("chat", id).toCompletableFuture().join().since() == 0);
    }

    @Test
    void aStormOfRandomReconnectsLeavesEveryUserAlternatingAndFinallyOffline() throws Exception {
        QueueReader events = new QueueReader(gateway, "chat", "presence");
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        int users = 20;
        try {
            List<CompletableFuture<Void>> storms = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String user = "storm" + u;
                storms.add(CompletableFuture.runAsync(() -> {
                    List<TestWsClient> open = new ArrayList<>();
                    for (int step = 0; step < 15; step++) {
                        if (open.isEmpty() || ThreadLocalRandom.current().nextBoolean()) {
                            open.add(device(http, user));
                        } else {
                            open.remove(ThreadLocalRandom.current().nextInt(open.size())).close();
                        }
                    }
                    open.forEach(TestWsClient::close);
                }, pool));
            }
            CompletableFuture.allOf(storms.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> java.util.stream.IntStream.range(0, users)
                .allMatch(u -> realtime.users().presence("chat", "storm" + u).toCompletableFuture().join().status()
                        == PresenceStatus.OFFLINE) && realtime.presence().pending() == 0);
        Map<String, List<String>> byUser = new HashMap<>();
        for (QueueMessage m : events.drain()) {
            String[] statusAndUser = event(m).split(" ");
            if (statusAndUser[1].startsWith("storm")) {
                byUser.computeIfAbsent(statusAndUser[1], k -> new ArrayList<>()).add(statusAndUser[0]);
            }
        }
        assertThat(byUser).hasSize(users);
        byUser.forEach((user, statuses) -> {
            assertThat(statuses.size()).as("%s: %s", user, statuses).isEven();
            for (int i = 0; i < statuses.size(); i++) {
                assertThat(statuses.get(i)).as("%s event %d of %s", user, i, statuses)
                        .isEqualTo(i % 2 == 0 ? "ONLINE" : "OFFLINE");
            }
        });
    }
}
