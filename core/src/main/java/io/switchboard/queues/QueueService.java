package io.switchboard.queues;

import io.switchboard.config.QueueConfig;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.QueueHandler;
import io.switchboard.handler.QueueMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The queues of every API, shared by the HTTP API ({@code @queues}), the in-process API, route integrations, topics
 * and presence: SQS's limits checked here, the state in the engine's {@link QueueStore}. Failures are
 * {@link GatewayException}s. Any thread.
 */
public final class QueueService implements AutoCloseable {
    /** SQS's limits. */
    public static final int MAX_RECEIVE = 10;
    public static final Duration MAX_WAIT = Duration.ofSeconds(20);
    public static final Duration MAX_VISIBILITY = Duration.ofHours(12);
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final QueueStore store;
    private final Map<QueueId, QueueConfig> queues;
    private final Executor workers;
    private final ScheduledExecutorService timers;
    private final List<QueueConsumer> consumers = new CopyOnWriteArrayList<>();

    /**
     * @param queuesByStage each stage's queues by name
     * @param workers       runs consumers' handlers (they may block)
     * @param timers        the timer thread, for consumers' pauses
     */
    public QueueService(QueueStore store, Map<String, Map<String, QueueConfig>> queuesByStage, Executor workers,
                        ScheduledExecutorService timers) {
        this.store = store;
        Map<QueueId, QueueConfig> all = new HashMap<>();
        queuesByStage.forEach((stage, byName) -> byName.forEach((name, q) -> all.put(new QueueId(stage, name), q)));
        this.queues = Map.copyOf(all);
        this.workers = workers;
        this.timers = timers;
    }

    /** Creates every configured queue in the store (their messages stay if they exist). */
    public CompletionStage<Void> declareAll() {
        return CompletableFuture.allOf(queues.entrySet().stream()
                .map(e -> store.declare(e.getKey(), settings(e.getValue())).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    /** A queue's settings in the store's terms. */
    static QueueSettings settings(QueueConfig q) {
        return new QueueSettings(q.visibilityTimeout(), q.retention(), q.maxReceiveCount(), q.deadLetterQueue(),
                q.delay(), q.maxMessages());
    }

    /** Whether the stage has the queue. */
    public boolean exists(String stage, String queue) {
        return queues.containsKey(new QueueId(stage, queue));
    }

    /** Sends a caller's message: at most 10 attributes, the queue's {@code message-bytes}, a delay up to 15 min. */
    public CompletionStage<String> send(String stage, String queue, NewMessage message) {
        return attempt(() -> {
            QueueConfig config = config(stage, queue);
            Attributes.check(message.body(), message.attributes(), config.messageBytes());
            if (message.delay().isPresent() && (message.delay().get().isNegative()
                    || message.delay().get().compareTo(MAX_DELAY) > 0)) {
                throw bad("a delay is 0 to 15 minutes");
            }
            return store.send(new QueueId(stage, queue), message);
        });
    }

    /**
     * Sends a message the gateway made (presence, a topic's delivery, a route): only the queue's size limit applies,
     * not the limit on attributes.
     */
    public CompletionStage<String> sendInternal(String stage, String queue, NewMessage message) {
        return attempt(() -> {
            QueueConfig config = config(stage, queue);
            Attributes.check(message.body(), Map.of(), config.messageBytes());
            return store.send(new QueueId(stage, queue), message);
        });
    }

    /**
     * Receives up to {@code max} (1–10) messages, long-polling up to {@code wait} (0–20 s), hiding them for
     * {@code visibility} (0–12 h), or the queue's visibility timeout when empty.
     */
    public CompletionStage<List<QueueMessage>> receive(String stage, String queue, int max, Duration wait,
                                                       java.util.Optional<Duration> visibility) {
        return attempt(() -> {
            QueueConfig config = config(stage, queue);
            if (max < 1 || max > MAX_RECEIVE) {
                throw bad("a receive takes 1 to 10 messages, not " + max);
            }
            if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
                throw bad("a receive waits 0 to 20 seconds");
            }
            Duration hide = visibility.orElse(config.visibilityTimeout());
            checkVisibility(hide);
            return store.receive(new QueueId(stage, queue), max, wait, hide);
        });
    }

    /** Deletes a received message; 410 when its receipt handle no longer holds it. */
    public CompletionStage<Void> delete(String stage, String queue, String receiptHandle) {
        return attempt(() -> {
            config(stage, queue);
            return store.delete(new QueueId(stage, queue), receiptHandle).thenApply(deleted -> held(deleted,
                    receiptHandle));
        });
    }

    /** Hides a received message for {@code timeout} (0–12 h) from now; 410 when its receipt handle is stale. */
    public CompletionStage<Void> changeVisibility(String stage, String queue, String receiptHandle,
                                                  Duration timeout) {
        return attempt(() -> {
            config(stage, queue);
            checkVisibility(timeout);
            return store.changeVisibility(new QueueId(stage, queue), receiptHandle, timeout)
                    .thenApply(changed -> held(changed, receiptHandle));
        });
    }

    /** A queue's counts. */
    public CompletionStage<QueueStats> stats(String stage, String queue) {
        return attempt(() -> {
            config(stage, queue);
            return store.stats(new QueueId(stage, queue));
        });
    }

    /**
     * Starts an in-process consumer of a queue, as a Lambda SQS event source mapping; close it to stop. Its handler
     * runs on the function threads.
     */
    public QueueConsumer consume(String stage, String queue, ConsumerOptions options, QueueHandler handler) {
        QueueConfig config = config(stage, queue);
        QueueConsumer consumer = new QueueConsumer(store, new QueueId(stage, queue), config.visibilityTimeout(),
                options, handler, workers, timers, consumers::remove);
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }

    /** Stops every consumer. */
    @Override
    public void close() {
        consumers.forEach(QueueConsumer::close);
    }

    private QueueConfig config(String stage, String queue) {
        QueueConfig config = queues.get(new QueueId(stage, queue));
        if (config == null) {
            throw GatewayException.of(GatewayError.NOT_FOUND, "no queue " + queue + " in stage " + stage);
        }
        return config;
    }

    private static void checkVisibility(Duration timeout) {
        if (timeout.isNegative() || timeout.compareTo(MAX_VISIBILITY) > 0) {
            throw bad("a visibility timeout is 0 to 12 hours");
        }
    }

    private static Void held(boolean done, String receiptHandle) {
        if (!done) {
            throw GatewayException.of(GatewayError.RECEIPT_HANDLE_INVALID, "receipt handle " + receiptHandle
                    + " does not hold a message in flight: it was deleted, or became visible again");
        }
        return null;
    }

    private static GatewayException bad(String detail) {
        return GatewayException.of(GatewayError.BAD_REQUEST, detail);
    }

    private static <T> CompletionStage<T> attempt(Supplier<CompletionStage<T>> operation) {
        try {
            return operation.get();
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
