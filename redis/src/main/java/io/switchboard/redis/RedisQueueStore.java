package io.switchboard.redis;

import io.switchboard.handler.QueueMessage;
import io.switchboard.queues.NewMessage;
import io.switchboard.queues.QueueId;
import io.switchboard.queues.QueueSettings;
import io.switchboard.queues.QueueStats;
import io.switchboard.queues.QueueStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * PLACEHOLDER, so that the engine compiles on this branch: the real queue store is written on branch
 * {@code redis-queues} with this constructor and replaces this file at merge. Every method fails.
 */
final class RedisQueueStore implements QueueStore {

    RedisQueueStore(RedisClients clients, Clock clock, ScheduledExecutorService timers) {
    }

    private static <T> CompletionStage<T> notYet() {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("Redis queues are not built yet"));
    }

    @Override
    public CompletionStage<Void> declare(QueueId queue, QueueSettings settings) {
        return notYet();
    }

    @Override
    public CompletionStage<String> send(QueueId queue, NewMessage message) {
        return notYet();
    }

    @Override
    public CompletionStage<List<QueueMessage>> receive(QueueId queue, int max, Duration wait,
                                                       Duration visibilityTimeout) {
        return notYet();
    }

    @Override
    public CompletionStage<Boolean> delete(QueueId queue, String receiptHandle) {
        return notYet();
    }

    @Override
    public CompletionStage<Boolean> changeVisibility(QueueId queue, String receiptHandle, Duration timeout) {
        return notYet();
    }

    @Override
    public CompletionStage<QueueStats> stats(QueueId queue) {
        return notYet();
    }
}
