package io.switchboard.redis;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of an engine that runs listener code, {@code switchboard-redis-events}: connection changes, topic
 * messages and node commands are handed to it from Lettuce's I/O threads (which must never block), and it runs them
 * one at a time in the order handed over. Its queue is bounded ({@value #CAPACITY} tasks): when the listener falls
 * that far behind, further events are dropped and logged rather than exhausting memory. A task that throws is logged
 * and the thread goes on with the next, so one bad listener call never stops the others.
 */
final class RedisEvents implements Executor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEvents.class);
    static final int CAPACITY = 100_000;

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(CAPACITY), r -> {
                Thread t = new Thread(r, "switchboard-redis-events");
                t.setDaemon(true);
                return t;
            });

    /** Runs {@code task} after every task handed over before it; drops it (logged) when full or closed. */
    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("an engine listener failed on an event", e);
                }
            });
        } catch (RejectedExecutionException e) {
            if (executor.isShutdown()) {
                LOG.debug("an event after the engine closed was dropped");
            } else {
                LOG.warn("the engine's event queue is full ({} events): an event was dropped", CAPACITY);
            }
        }
    }

    /** Stops taking events; those already queued still run, for up to a second. A second call does nothing. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
