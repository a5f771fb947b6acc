package io.switchboard.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.PresenceConfig;
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
                }, Clock.systemUTC());
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
}
