package io.switchboard.queues;

import io.switchboard.handler.BatchResult;
import io.switchboard.handler.QueueHandler;
import io.switchboard.handler.QueueMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process consumer of one queue, run like Lambda's SQS event source mapping: {@code concurrency} pollers
 * long-poll the queue, gather up to {@code batchSize} messages (waiting at most the batching window after the first),
 * call the handler on the function threads, delete what it handled and leave its failures to come back after their
 * visibility timeout. No thread waits: receives complete on whatever thread the store completes them, and the next
 * poll starts there.
 */
public final class QueueConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueConsumer.class);
    private static final Duration LONG_POLL = QueueService.MAX_WAIT;
    /** The pause after a receive failed or every function thread was busy. */
    private static final long PAUSE_MILLIS = 1000;

    private final QueueStore store;
    private final QueueId queue;
    private final Duration visibility;
    private final ConsumerOptions options;
    private final QueueHandler handler;
    private final Executor workers;
    private final ScheduledExecutorService timers;
    private final Consumer<QueueConsumer> onClose;
    private final Set<CompletableFuture<?>> polls = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    QueueConsumer(QueueStore store, QueueId queue, Duration visibility, ConsumerOptions options, QueueHandler handler,
                  Executor workers, ScheduledExecutorService timers, Consumer<QueueConsumer> onClose) {
        this.store = store;
        this.queue = queue;
        this.visibility = visibility;
        this.options = options;
        this.handler = handler;
        this.workers = workers;
        this.timers = timers;
        this.onClose = onClose;
    }

    void start() {
        for (int i = 0; i < options.concurrency(); i++) {
            poll(new ArrayList<>(), 0);
        }
    }

    /** Stops polling; a batch in its handler finishes, gathered messages not yet handled become visible again. */
    @Override
    public void close() {
        closed = true;
        polls.forEach(p -> p.cancel(false));
        onClose.accept(this);
    }

    /** Gathers messages into {@code batch} until it is full or its window has passed, then hands it over. */
    private void poll(List<QueueMessage> batch, long windowEnds) {
        long ends = windowEnds;
        while (true) {
            if (closed) {
                release(batch);
                return;
            }
            int missing = options.batchSize() - batch.size();
            long now = System.nanoTime();
            if (!batch.isEmpty() && (missing == 0 || now - ends >= 0)) {
                invoke(batch);
                return;
            }
            Duration wait = batch.isEmpty() ? LONG_POLL : Duration.ofNanos(Math.min(ends - now, LONG_POLL.toNanos()));
            CompletableFuture<List<QueueMessage>> receiving = receive(Math.min(QueueService.MAX_RECEIVE, missing),
                    wait);
            if (!receiving.isDone()) {
                long windowEnd = ends;
                polls.add(receiving);
                receiving.whenComplete((got, error) -> {
                    polls.remove(receiving);
                    received(batch, windowEnd, receiving);
                });
                if (closed) {
                    receiving.cancel(false);
                }
                return;
            }
            List<QueueMessage> got;
            try {
                got = receiving.join();
            } catch (CompletionException | CancellationException e) {
                pauseAfter(e, batch, ends);
                return;
            }
            if (got.isEmpty() && batch.isEmpty()) { // a store that returned at once with nothing: do not spin
                later(() -> poll(batch, 0));
                return;
            }
            ends = absorb(batch, got, ends);
        }
    }

    private void received(List<QueueMessage> batch, long windowEnds, CompletableFuture<List<QueueMessage>> done) {
        try {
            List<QueueMessage> got = done.join();
            poll(batch, absorb(batch, got, windowEnds));
        } catch (CancellationException e) {
            release(batch); // closed
        } catch (CompletionException e) {
            pauseAfter(e, batch, windowEnds);
        }
    }

    private CompletableFuture<List<QueueMessage>> receive(int max, Duration wait) {
        try {
            return store.receive(queue, max, wait, visibility).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Adds received messages; the batching window starts with the first message of a batch. */
    private long absorb(List<QueueMessage> batch, List<QueueMessage> got, long windowEnds) {
        long ends = windowEnds;
        if (batch.isEmpty() && !got.isEmpty()) {
            ends = System.nanoTime() + options.maximumBatchingWindow().toNanos();
        }
        batch.addAll(got);
        return ends;
    }

    private void pauseAfter(Throwable error, List<QueueMessage> batch, long windowEnds) {
        if (closed) {
            release(batch);
            return;
        }
        LOG.warn("receiving from queue {} failed; retrying in {} ms", queue, PAUSE_MILLIS, error);
        later(() -> poll(batch, windowEnds));
    }

    private void invoke(List<QueueMessage> batch) {
        List<QueueMessage> messages = List.copyOf(batch);
        try {
            workers.execute(() -> handle(messages));
        } catch (RejectedExecutionException e) {
            if (closed) {
                release(messages);
                return;
            }
            LOG.warn("every function thread is busy; the consumer of queue {} tries again in {} ms", queue,
                    PAUSE_MILLIS);
            later(() -> invoke(messages));
        }
    }

    private void handle(List<QueueMessage> messages) {
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.messageId()));
        Set<String> failed;
        try {
            BatchResult result = handler.handle(messages);
            failed = result == null ? Set.of() : result.failedMessageIds();
            if (!ids.containsAll(failed)) {
                LOG.warn("the consumer of queue {} reported failures for messages not in its batch; the whole batch "
                        + "counts as failed", queue);
                failed = ids;
            }
        } catch (Throwable e) {
            LOG.warn("the consumer of queue {} failed a batch of {} messages: {}", queue, messages.size(),
                    e.toString());
            LOG.debug("the failure of the consumer of queue {}", queue, e);
            failed = ids;
        }
        for (QueueMessage m : messages) {
            if (!failed.contains(m.messageId())) {
                store.delete(queue, m.receiptHandle()).whenComplete((deleted, error) -> {
                    if (error != null || !deleted) {
                        LOG.info("message {} of queue {} was handled after its visibility timeout and will be "
                                + "received again", m.messageId(), queue);
                    }
                });
            }
        }
        poll(new ArrayList<>(), 0);
    }

    /** Makes gathered messages visible again at once, for other consumers. */
    private void release(List<QueueMessage> batch) {
        for (QueueMessage m : batch) {
            store.changeVisibility(queue, m.receiptHandle(), Duration.ZERO);
        }
        batch.clear();
    }

    private void later(Runnable task) {
        try {
            timers.schedule(task, PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            closed = true; // the gateway is stopping
        }
    }
}
