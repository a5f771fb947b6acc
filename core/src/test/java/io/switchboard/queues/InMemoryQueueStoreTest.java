package io.switchboard.queues;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;

/** The queue store contract, against the in-memory engine. */
class InMemoryQueueStoreTest extends QueueStoreContract {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @Override
    protected QueueStore newStore(Clock clock) {
        return new InMemoryQueueStore(clock, timers);
    }

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }
}
