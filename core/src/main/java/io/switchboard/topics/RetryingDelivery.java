package io.switchboard.topics;

import io.switchboard.config.RetryConfig;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.TopicMessage;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Delivers a topic's messages to one subscriber: an attempt, then retries after growing, jittered delays on the timer
 * thread, then the dead-letter queue. A request the subscriber can never take ({@code BAD_REQUEST},
 * {@code PAYLOAD_TOO_LARGE}) is dead-lettered at once. Deliveries waiting for a retry are bounded; past the bound,
 * and when the gateway stops, they are dead-lettered rather than kept in memory or dropped.
 */
final class RetryingDelivery implements AutoCloseable {
    /** Deliveries of one subscriber that may be under way or waiting for a retry. */
    static final int MAX_PENDING = 10_000;

    private final String name;
    private final RetryConfig retry;
    private final BiFunction<TopicMessage, Integer, CompletionStage<?>> attempt;
    private final DeadLetters deadLetters;
    private final ScheduledExecutorService timers;
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A delivery waiting for its retry; whoever removes it from {@link #waiting} owns it. */
    private static final class Waiting {
        final TopicMessage message;
        final Throwable reason;
        volatile ScheduledFuture<?> timer;

        Waiting(TopicMessage message, Throwable reason) {
            this.message = message;
            this.reason = reason;
        }
    }

    /**
     * @param name    the subscriber, for logs and dead letters
     * @param attempt makes attempt number n (1 for the first) of delivering a message; fails when it failed
     */
    RetryingDelivery(String name, RetryConfig retry, BiFunction<TopicMessage, Integer, CompletionStage<?>> attempt,
                     DeadLetters deadLetters, ScheduledExecutorService timers) {
        this.name = name;
        this.retry = retry;
        this.attempt = attempt;
        this.deadLetters = deadLetters;
        this.timers = timers;
    }

    String name() {
        return name;
    }

    /** Starts delivering a message; never blocks. */
    void deliver(TopicMessage message) {
        if (closed) {
            deadLetters.take(message, name, new IllegalStateException("the gateway is stopping"));
        } else if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            deadLetters.take(message, name, new IllegalStateException(MAX_PENDING + " deliveries to " + name
                    + " are already pending"));
        } else {
            attempt(message, 1);
        }
    }

    private void attempt(TopicMessage message, int number) {
        CompletionStage<?> running;
        try {
            running = attempt.apply(message, number);
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        running.whenComplete((ok, error) -> {
            if (error == null) {
                pending.decrementAndGet();
            } else {
                failed(message, number, error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
    }

    private void failed(TopicMessage message, int number, Throwable reason) {
        if (number > retry.retries() || closed || permanent(reason)) {
            pending.decrementAndGet();
            deadLetters.take(message, name, reason);
            return;
        }
        Duration delay = jittered(retry.delayBefore(number));
        Waiting w = new Waiting(message, reason);
        waiting.add(w);
        try {
            w.timer = timers.schedule(() -> {
                if (waiting.remove(w)) {
                    attempt(message, number + 1);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (waiting.remove(w)) {
                pending.decrementAndGet();
                deadLetters.take(message, name, reason);
            }
        }
    }

    /** Dead-letters every delivery still waiting for a retry. */
    @Override
    public void close() {
        closed = true;
        for (Waiting w : waiting) {
            if (waiting.remove(w)) {
                ScheduledFuture<?> timer = w.timer;
                if (timer != null) {
                    timer.cancel(false);
                }
                pending.decrementAndGet();
                deadLetters.take(w.message, name, w.reason);
            }
        }
    }

    /** Deliveries under way or waiting for a retry. */
    int pending() {
        return pending.get();
    }

    private static boolean permanent(Throwable reason) {
        return reason instanceof GatewayException e
                && (e.error() == GatewayError.BAD_REQUEST || e.error() == GatewayError.PAYLOAD_TOO_LARGE);
    }

    /** Between half the delay and the whole of it ("equal jitter"), so that retries of many messages spread out. */
    private static Duration jittered(Duration delay) {
        long half = delay.toMillis() / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
