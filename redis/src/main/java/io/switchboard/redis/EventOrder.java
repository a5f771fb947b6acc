package io.switchboard.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hands the events of commands on one Redis connection to a listener in the order the commands were written, which
 * is the order Redis applied them. Each command gets a ticket while it is written (under a lock, so tickets follow
 * the connection's order); when its reply is in, on whatever thread, its events wait until every earlier ticket's
 * are out, then go to the {@code events} executor. Every command releases its ticket exactly once, with its events,
 * or with none when it failed or its reply could not be read, so a failure never holds back the events behind it.
 * What waits is bounded by the commands in flight, and each of those ends within the command timeout.
 *
 * @param <E> the events
 */
final class EventOrder<E> {

    /**
     * What one command produced.
     *
     * @param value  what the caller's stage completes with (may be {@code null} for {@code Void})
     * @param events the events it made, in order, for the listener
     */
    record Outcome<T, E>(T value, List<E> events) {
    }

    private final Object writing = new Object();
    private final Executor events;
    private final Consumer<E> listener;
    private final Map<Long, List<E>> done = new HashMap<>();
    private long nextTicket;
    private long nextOut;

    EventOrder(Executor events, Consumer<E> listener) {
        this.events = events;
        this.listener = listener;
    }

    /**
     * Writes a command ({@code write} must only write it, on the connection this order belongs to, and return at
     * once) and completes with the value {@code parse} reads from its reply; a failure of either fails the stage.
     */
    <R, T> CompletionStage<T> run(Supplier<? extends CompletionStage<R>> write, Function<R, Outcome<T, E>> parse) {
        long ticket;
        CompletionStage<R> reply;
        synchronized (writing) {
            ticket = nextTicket++;
            try {
                reply = write.get();
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        reply.whenComplete((r, error) -> {
            Outcome<T, E> outcome = null;
            Throwable failure = error;
            if (error == null) {
                try {
                    outcome = parse.apply(r);
                } catch (RuntimeException e) {
                    failure = new IllegalStateException("an unexpected reply from Redis: " + r, e);
                }
            }
            release(ticket, outcome == null ? List.of() : outcome.events());
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(outcome.value());
            }
        });
        return result;
    }

    private synchronized void release(long ticket, List<E> made) {
        done.put(ticket, made);
        for (List<E> ready = done.remove(nextOut); ready != null; ready = done.remove(nextOut)) {
            nextOut++;
            for (E event : ready) {
                events.execute(() -> listener.accept(event)); // never blocks: the executor drops when full
            }
        }
    }
}
