package io.switchboard.redis;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.QueueMessage;
import io.switchboard.queues.NewMessage;
import io.switchboard.queues.QueueId;
import io.switchboard.queues.QueueSettings;
import io.switchboard.queues.QueueStats;
import io.switchboard.queues.QueueStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues with SQS standard-queue semantics in Redis, so that every gateway on one Redis shares them and they outlive
 * gateway restarts. Semantics follow {@code InMemoryQueueStore}: visibility timeouts, receipt handles that go stale
 * once their message is visible again, redrive to the dead-letter queue when a message that was received
 * {@code maxReceiveCount} times becomes visible again, delays, retention, {@code QUEUE_FULL} and {@code NOT_FOUND}.
 * Every change is one Lua script ({@link QueueScripts}), so concurrent gateways never see half a change; the layout is
 * in {@link QueueLayout}.
 *
 * <p><b>Time.</b> Sent, visible-at and retention times are the gateway's {@code clock}, passed to each script. Gateways
 * sharing a Redis should keep their clocks in sync (NTP): a gateway whose clock runs {@code d} ahead sees messages
 * become visible {@code d} early.
 *
 * <p><b>Long polls</b> wait on no thread ({@link LongPolls}): they are woken by notes on the queue's channel that any
 * gateway's send, visibility change to 0, redrive or release publishes, by a timer at the queue's next visible-at,
 * and by a recheck every second; at most {@value LongPolls#MAX_POLLS_PER_QUEUE} wait per queue and store (more end at
 * once, empty). Cancelling a receive never loses a message: one taken for a receive that was cancelled meanwhile is
 * released (visible at once, its receive count as before); only if Redis cannot be reached for that does it wait
 * for its visibility timeout instead.
 *
 * <p><b>Durability.</b> A send completes only after Redis applied it; what survives a Redis restart then depends on
 * Redis's persistence:
 * <ul>
 *   <li>none: nothing (the queues outlive gateways, not Redis);</li>
 *   <li>RDB snapshots: the last snapshot (a clean {@code SHUTDOWN} saves one); sends and deletes since are lost, so
 *       deleted messages may come back (at-least-once still holds for what was in the snapshot);</li>
 *   <li>AOF {@code appendfsync everysec}: everything if only the Redis process dies; about the last second if the
 *       machine does;</li>
 *   <li>AOF {@code appendfsync always}: every acknowledged send, delete and visibility change.</li>
 * </ul>
 * Replicas are asynchronous: a failover may lose the last acknowledged writes whatever the persistence.
 *
 * <p><b>Redis Cluster.</b> All queues of a stage share one hash tag ({@link QueueLayout}), so a redrive (a queue
 * and its dead-letter queue) is still one script; the wake notes are then {@code SPUBLISH}ed on a channel in that
 * tag, and long polls listen with {@code SSUBSCRIBE}.
 *
 * <p><b>Threads and failures.</b> Thread-safe; no method blocks. Stages complete on Lettuce's threads (or the
 * timers'), so callers must not block in their callbacks. Redis failures (unreachable, timed out) fail the stage
 * with a {@link GatewayException} of {@code INTERNAL_ERROR} whose cause is Lettuce's; after {@link #close} every
 * operation fails with {@code SHUTTING_DOWN}. One store per {@link RedisClients}: the wake channel handlers are
 * registered by channel name.
 */
public final class RedisQueueStore implements QueueStore, AutoCloseable {
    /** How often messages past retention are dropped from queues nobody reads. */
    static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
    /** Messages one receive takes at most (SQS: 10). */
    static final int MAX_BATCH = 1_000;
    private static final int SWEEP_ROUNDS = 50;
    private static final int SWEEP_LIMIT = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(RedisQueueStore.class);

    private final RedisClients clients;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final QueueCalls calls;
    private final LongPolls polls;
    private final ScheduledFuture<?> sweeper;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param clients the shared connections (not closed by this store)
     * @param clock   the time messages are stamped and compared with
     * @param timers  runs long-poll deadlines and wake-ups and the retention sweep; its tasks are short and never
     *                block
     */
    public RedisQueueStore(RedisClients clients, Clock clock, ScheduledExecutorService timers) {
        this.clients = clients;
        this.clock = clock;
        this.calls = new QueueCalls(clients);
        this.polls = new LongPolls(clients, clock, timers, new LongPolls.Source() {
            @Override
            public CompletionStage<LongPolls.Batch> take(QueueId queue, int max, Duration visibility) {
                return RedisQueueStore.this.take(queue, max, visibility);
            }

            @Override
            public void release(QueueId queue, List<QueueMessage> messages) {
                RedisQueueStore.this.release(queue, messages);
            }
        });
        ScheduledFuture<?> sweep;
        try {
            sweep = timers.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            sweep = null; // the timers stopped already: receives and stats still drop expired messages
        }
        this.sweeper = sweep;
    }

    @Override
    public CompletionStage<Void> declare(QueueId queue, QueueSettings settings) {
        if (closed.get()) {
            return stopped();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("vis", Long.toString(settings.visibilityTimeout().toMillis()));
        fields.put("ret", Long.toString(settings.retention().toMillis()));
        fields.put("maxrc", Integer.toString(Math.max(0, settings.maxReceiveCount())));
        String deadLetters = settings.deadLetterQueue().orElse("");
        fields.put("dlq", deadLetters);
        fields.put("delay", Long.toString(Math.max(0, settings.delay().toMillis())));
        fields.put("max", Integer.toString(Math.max(0, settings.maxMessages())));
        return QueueCalls.failures(clients.text().hset(layout(queue).conf(), fields)).thenApply(added -> {
            calls.remember(queue, deadLetters);
            return null;
        });
    }

    @Override
    public CompletionStage<String> send(QueueId queue, NewMessage message) {
        long now = clock.millis();
        String payload = QueueLayout.encode(now, message.attributes(), message.body());
        String delay = message.delay().map(d -> Long.toString(Math.max(0, d.toMillis()))).orElse("");
        return call(QueueScripts.SEND, queue, false, now, token(8), payload, delay)
                .thenApply(reply -> QueueCalls.text(reply, 1));
    }

    @Override
    public CompletionStage<List<QueueMessage>> receive(QueueId queue, int max, Duration wait,
                                                       Duration visibilityTimeout) {
        if (max < 1 || wait.isNegative() || visibilityTimeout.isNegative()) {
            return CompletableFuture.failedFuture(GatewayException.of(GatewayError.BAD_REQUEST,
                    "a receive takes at least 1 message and waits and hides them for no negative time"));
        }
        int batch = Math.min(max, MAX_BATCH);
        CompletableFuture<List<QueueMessage>> result = new CompletableFuture<>();
        take(queue, batch, visibilityTimeout).whenComplete((taken, error) -> {
            if (error != null) {
                result.completeExceptionally(QueueCalls.unwrap(error));
            } else if (!taken.messages().isEmpty() || wait.isZero()) {
                if (!result.complete(taken.messages())) { // cancelled meanwhile: nobody saw them
                    release(queue, taken.messages());
                }
            } else if (!result.isDone()) {
                polls.await(queue, layout(queue).channel(), result, batch, visibilityTimeout, wait);
            }
        });
        return result;
    }

    @Override
    public CompletionStage<Boolean> delete(QueueId queue, String receiptHandle) {
        return call(QueueScripts.DELETE, queue, false, clock.millis(), receiptHandle)
                .thenApply(reply -> "1".equals(QueueCalls.text(reply, 1)));
    }

    @Override
    public CompletionStage<Boolean> changeVisibility(QueueId queue, String receiptHandle, Duration timeout) {
        if (timeout.isNegative()) {
            return CompletableFuture.failedFuture(GatewayException.of(GatewayError.BAD_REQUEST,
                    "a visibility timeout is not negative"));
        }
        return call(QueueScripts.CHANGE_VISIBILITY, queue, false, clock.millis(), receiptHandle,
                Long.toString(timeout.toMillis())).thenApply(reply -> "1".equals(QueueCalls.text(reply, 1)));
    }

    @Override
    public CompletionStage<QueueStats> stats(QueueId queue) {
        return call(QueueScripts.STATS, queue, true, clock.millis()).thenApply(reply -> new QueueStats(
                QueueCalls.count(reply, 1), QueueCalls.count(reply, 2), QueueCalls.count(reply, 3)));
    }

    /**
     * Stops the retention sweep and ends waiting long polls with an empty list; later calls fail with
     * {@code SHUTTING_DOWN}. Does not close the clients. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        polls.close();
    }

    /** One receive attempt, without waiting. */
    private CompletionStage<LongPolls.Batch> take(QueueId queue, int max, Duration visibility) {
        return call(QueueScripts.RECEIVE, queue, true, clock.millis(), Integer.toString(max),
                Long.toString(visibility.toMillis()), token(16)).thenApply(reply -> {
                    List<QueueMessage> messages = new ArrayList<>((reply.size() - 2) / 6);
                    for (int i = 2; i + 5 < reply.size(); i += 6) {
                        QueueLayout.Payload payload = QueueLayout.decode(QueueCalls.text(reply, i + 2));
                        String source = QueueCalls.text(reply, i + 5);
                        messages.add(new QueueMessage(QueueCalls.text(reply, i), QueueCalls.text(reply, i + 1), payload.body(),
                                payload.attributes(), payload.sentAt(), (int) QueueCalls.number(reply, i + 3),
                                QueueCalls.number(reply, i + 4), source.isEmpty() ? Optional.empty() : Optional.of(source)));
                    }
                    return new LongPolls.Batch(List.copyOf(messages), QueueCalls.number(reply, 1));
                });
    }

    /** Undoes a receive nobody got; if that fails the messages reappear after their visibility timeout. */
    private void release(QueueId queue, List<QueueMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<String> pairs = new ArrayList<>(messages.size() * 2);
        for (QueueMessage m : messages) {
            pairs.add(m.messageId());
            pairs.add(m.receiptHandle());
        }
        call(QueueScripts.RELEASE, queue, false, clock.millis(), pairs.toArray(String[]::new))
                .whenComplete((reply, error) -> {
                    if (error != null) {
                        LOG.warn("{} messages of queue {} that a cancelled receive took stay hidden until their "
                                + "visibility timeout: {}", messages.size(), queue, error.toString());
                    }
                });
    }

    /**
     * Drops expired messages and redrives due ones in every queue this store knows, without blocking the timer (runs
     * every {@link #SWEEP_EVERY}; package-private for tests).
     */
    void sweep() {
        if (closed.get() || !sweeping.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (QueueId queue : calls.known()) {
            all = all.thenCompose(ignored -> sweep(queue, 0)).exceptionally(error -> {
                LOG.debug("sweeping queue {} failed", queue, error);
                return null;
            });
        }
        all.whenComplete((ignored, error) -> sweeping.set(false));
    }

    private CompletionStage<Void> sweep(QueueId queue, int round) {
        if (closed.get() || round >= SWEEP_ROUNDS) {
            return CompletableFuture.completedFuture(null);
        }
        return call(QueueScripts.STATS, queue, true, clock.millis()).thenCompose(reply ->
                QueueCalls.number(reply, 4) >= SWEEP_LIMIT ? sweep(queue, round + 1) : CompletableFuture.completedFuture(null));
    }

    /** Runs a script on a queue, unless closed. */
    private CompletionStage<List<Object>> call(Script script, QueueId queue, boolean redrive, long now,
                                               String... rest) {
        return closed.get() ? stopped() : calls.call(script, queue, redrive, now, rest);
    }

    private QueueLayout layout(QueueId queue) {
        return QueueLayout.of(clients, queue);
    }

    private static <T> CompletableFuture<T> stopped() {
        return CompletableFuture.failedFuture(GatewayException.of(GatewayError.SHUTTING_DOWN,
                "the queue store is closed"));
    }

    /** Random hex, for receipt handles (unguessable) and message ids (unique across queues). */
    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
