package io.switchboard.topics;

import io.switchboard.handler.TopicMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/** The bus of a single node: each message goes to the listener through the engine's ordered event executor. */
public final class InMemoryTopicBus implements TopicBus {
    private final Executor events;
    private final Consumer<TopicMessage> listener;

    /**
     * @param events   runs listener calls one at a time in submission order (the engine's event thread)
     * @param listener this node's receiver of every message
     */
    public InMemoryTopicBus(Executor events, Consumer<TopicMessage> listener) {
        this.events = events;
        this.listener = listener;
    }

    @Override
    public CompletionStage<Void> publish(TopicMessage message) {
        try {
            events.execute(() -> listener.accept(message));
            return CompletableFuture.completedFuture(null);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the engine is closed", e));
        }
    }
}
