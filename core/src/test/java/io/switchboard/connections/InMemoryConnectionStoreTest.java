package io.switchboard.connections;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;

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
}
