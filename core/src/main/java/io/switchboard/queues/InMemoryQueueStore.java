package io.switchboard.queues;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Queues in this process (see {@link MemoryQueue}). Long polls wait on the shared timer thread's clock, never on a
 * thread of their own; everything else completes before returning. Thread-safe.
 */
public final class InMemoryQueueStore implements QueueStore {
    private final ConcurrentHashMap<QueueId, MemoryQueue> queues = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ScheduledExecutorService timers;

    /**
     * @param clock  the time messages are stamped and compared with
     * @param timers runs long-poll deadlines and wake-ups; its tasks are short and never block
     */
    public InMemoryQueueStore(Clock clock, ScheduledExecutorService timers) {
        this.clock = clock;
        this.timers = timers;
    }

    @Override
    public CompletionStage<Void> declare(QueueId queue, QueueSettings settings) {
        queues.compute(queue, (id, existing) -> {
            if (existing != null) {
                existing.settings(settings);
                return existing;
            }
            return new MemoryQueue(id, settings, clock, timers,
                    name -> Optional.ofNullable(queues.get(new QueueId(id.stage(), name))));
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<String> send(QueueId queue, NewMessage message) {
        return on(queue, q -> q.send(message));
    }

    @Override
    public CompletionStage<List<QueueMessage>> receive(QueueId queue, int max, Duration wait,
                                                       Duration visibilityTimeout) {
        MemoryQueue q = queues.get(queue);
        return q == null ? CompletableFuture.failedFuture(unknown(queue)) : q.receive(max, wait, visibilityTimeout);
    }

    @Override
    public CompletionStage<Boolean> delete(QueueId queue, String receiptHandle) {
        return on(queue, q -> q.delete(receiptHandle));
    }

    @Override
    public CompletionStage<Boolean> changeVisibility(QueueId queue, String receiptHandle, Duration timeout) {
        return on(queue, q -> q.changeVisibility(receiptHandle, timeout));
    }

    @Override
    public CompletionStage<QueueStats> stats(QueueId queue) {
        return on(queue, MemoryQueue::stats);
    }

    /** Drops the messages of every queue that are past their retention (the engine runs it periodically). */
    public void sweep() {
        queues.values().forEach(MemoryQueue::sweep);
    }

    private <T> CompletionStage<T> on(QueueId queue, Function<MemoryQueue, T> operation) {
        MemoryQueue q = queues.get(queue);
        if (q == null) {
            return CompletableFuture.failedFuture(unknown(queue));
        }
        try {
            return CompletableFuture.completedFuture(operation.apply(q));
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static GatewayException unknown(QueueId queue) {
        return GatewayException.of(GatewayError.NOT_FOUND, "queue " + queue.name() + " does not exist in stage "
                + queue.stage());
    }
}
