package io.switchboard.topics;

import io.switchboard.handler.TopicMessage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;

/** The topic bus contract, against the in-memory engine. */
class InMemoryTopicBusTest extends TopicBusContract {
    private final ExecutorService events = Executors.newSingleThreadExecutor();

    @Override
    protected TopicBus newBus(Consumer<TopicMessage> listener) {
        return new InMemoryTopicBus(events, listener);
    }

    @AfterEach
    void stopEvents() {
        events.shutdownNow();
    }
}
