package io.switchboard.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.WaitingExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connections store contract, against the in-memory engine. */
class InMemoryConnectionStoreTest extends ConnectionStoreContract {
    private final ExecutorService events = Executors.newSingleThreadExecutor();

    @Override
    protected ConnectionStore newStore(Consumer<ConnectionChange> listener) {
        return new InMemoryConnectionStore(events, listener);
    }

    @AfterEach
    void stopEvents() {
        events.shutdownNow();
    }

    /**
     * The event thread may run the listener before the thread that changed the store has gone on (a loaded machine):
     * here every listener call runs to its end on the event thread while the changing thread waits in
     * {@code execute}. Whatever the listener then asks the store must already include the change it was given.
     */
    @Test
    void aListenerThatRunsAtOnceFindsItsChangeInTheStore() {
        Executor runsToTheEndAtOnce = WaitingExecutor.on(events);
        List<String> seen = new ArrayList<>();
        ConnectionStore[] store = new ConnectionStore[1];
        store[0] = new InMemoryConnectionStore(runsToTheEndAtOnce, change -> {
            String id = change.record().connectionId();
            seen.add(change.type() + " " + id + ": "
                    + store[0].connectionsOf("s", "alice").toCompletableFuture().join().stream()
                            .map(ConnectionRecord::connectionId).toList()
                    + " found " + store[0].find("s", id).toCompletableFuture().join().isPresent()
                    + " users " + store[0].users("s").toCompletableFuture().join()
                    + " " + store[0].counts("s").toCompletableFuture().join());
        });
        store[0].add(ConnectionRecord.of("s", "alice", "c1", 1_000, 10_000));
        store[0].add(ConnectionRecord.of("s", "alice", "c2", 1_000, 20_000));
        store[0].remove("s", "c1");
        store[0].pruneExpired(20_000);
        assertThat(seen).containsExactly(
                "INSERT c1: [c1] found true users [alice] ConnectionCounts[connections=1, users=1]",
                "INSERT c2: [c1, c2] found true users [alice] ConnectionCounts[connections=2, users=1]",
                "REMOVE c1: [c2] found false users [alice] ConnectionCounts[connections=1, users=1]",
                "REMOVE c2: [] found false users [] ConnectionCounts[connections=0, users=0]");
    }
}
