package io.switchboard.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.PresenceConfig;
import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.InMemoryConnectionStore;
import io.switchboard.json.Json;
import io.switchboard.testing.WaitingExecutor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watchdog driven by the in-memory connections store directly, without a gateway. */
class PresenceWatchdogTest {
    private final ExecutorService events = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopEvents() {
        events.shutdownNow();
    }

    /**
     * The event thread wins every race with the thread that changed the store (as it may on a loaded machine): each
     * change is turned into its event, and the event published, before the changing thread goes on. Whoever receives
     * ONLINE must already find the user's connection in the store, and whoever receives OFFLINE must find none.
     */
    @Test
    void whoeverReceivesAnEventFindsTheStoreAsTheEventSays() {
        Executor eventThreadWinsTheRace = WaitingExecutor.on(events);
        List<String> received = new CopyOnWriteArrayList<>();
        ConnectionStore[] connections = new ConnectionStore[1];
        PresenceWatchdog watchdog = new PresenceWatchdog(new InMemoryPresenceStore(),
                Map.of("chat", new PresenceConfig(Optional.empty(), Optional.of("presence"),
                        PresenceConfig.DEFAULTS.offlineTtl())),
                (stage, body, attributes) -> {
                    received.add(Json.MAPPER.readTree(body).get("message").get("status").asString() + " with "
                            + connections[0].connectionsOf(stage, "carol").toCompletableFuture().join().size());
                    return CompletableFuture.completedFuture(null);
                }, Clock.systemUTC(), TIMERS);
        connections[0] = new InMemoryConnectionStore(eventThreadWinsTheRace, watchdog::changed);
        connections[0].add(ConnectionRecord.of("chat", "carol", "c0", 1_000, 10_000));
        for (int i = 1; i <= 3; i++) { // a reconnect that overlaps the old connection
            connections[0].add(ConnectionRecord.of("chat", "carol", "c" + i, 1_000, 10_000));
            connections[0].remove("chat", "c" + (i - 1));
        }
        connections[0].remove("chat", "c3");
        assertThat(received).containsExactly("ONLINE with 1", "OFFLINE with 0");
        assertThat(watchdog.pending()).isZero();
    }

    private static final java.util.concurrent.ScheduledExecutorService TIMERS =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "watchdog-test-timer");
                t.setDaemon(true);
                return t;
            });

    private static final Map<String, PresenceConfig> CHAT = Map.of("chat", new PresenceConfig(Optional.empty(),
            Optional.of("presence"), PresenceConfig.DEFAULTS.offlineTtl()));

    private static ConnectionChange change(ConnectionChange.Type type, String id, int left, long sequence) {
        return new ConnectionChange(type, ConnectionRecord.of("chat", "dan", id, 1_000, 10_000), left, sequence,
                false);
    }

    private static String status(String body) {
        return Json.MAPPER.readTree(body).get("message").get("status").asString();
    }

    /**
     * Node A makes a user's ONLINE and node B the OFFLINE that follows it while A's publication is still slow: B
     * waits for A's event to be accepted, so subscribers never see OFFLINE before ONLINE.
     */
    @Test
    void aTransitionMadeOnAnotherNodeWaitsForTheEventBeforeIt() {
        PresenceStore shared = new InMemoryPresenceStore();
        List<String> accepted = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> slowA = new CompletableFuture<>();
        PresenceWatchdog a = new PresenceWatchdog(shared, CHAT, (stage, body, attributes) -> slowA
                .thenRun(() -> accepted.add("A " + status(body))), Clock.systemUTC(), TIMERS);
        PresenceWatchdog b = new PresenceWatchdog(shared, CHAT, (stage, body, attributes) -> {
            accepted.add("B " + status(body));
            return CompletableFuture.completedFuture(null);
        }, Clock.systemUTC(), TIMERS);
        a.changed(change(ConnectionChange.Type.INSERT, "on-a", 1, 1));
        b.changed(change(ConnectionChange.Type.REMOVE, "on-a", 0, 2));
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(300))
                .atMost(java.time.Duration.ofSeconds(1)).until(accepted::isEmpty);
        slowA.complete(null);
        org.awaitility.Awaitility.await().until(() -> accepted.size() == 2);
        assertThat(accepted).containsExactly("A ONLINE", "B OFFLINE");
    }

    @Test
    void aNodeThatNeverPublishesHoldsTheNextEventBackForABoundedTime() {
        PresenceStore shared = new InMemoryPresenceStore();
        List<String> accepted = new CopyOnWriteArrayList<>();
        PresenceWatchdog dead = new PresenceWatchdog(shared, CHAT, (stage, body, attributes) ->
                new CompletableFuture<>(), Clock.systemUTC(), TIMERS); // its publication never completes
        PresenceWatchdog b = new PresenceWatchdog(shared, CHAT, (stage, body, attributes) -> {
            accepted.add(status(body));
            return CompletableFuture.completedFuture(null);
        }, Clock.systemUTC(), TIMERS);
        dead.changed(change(ConnectionChange.Type.INSERT, "on-dead", 1, 1));
        b.changed(change(ConnectionChange.Type.REMOVE, "on-dead", 0, 2));
        org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(500))
                .atMost(java.time.Duration.ofSeconds(1)).until(accepted::isEmpty); // waiting for its turn
        org.awaitility.Awaitility.await().atMost(PresenceWatchdog.TURN_WAIT.plusSeconds(5))
                .until(() -> accepted.size() == 1); // and then not for ever
        assertThat(accepted).containsExactly("OFFLINE");
    }
}
