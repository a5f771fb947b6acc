package io.switchboard.presence;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after the other per key: a task starts when the previous task of its key has completed
 * (successfully or not). Keys without a task running take no memory. Any thread.
 */
final class KeyedSequencer<K> {
    private final ConcurrentHashMap<K, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Queues a task behind the key's earlier ones; the result completes when it has. */
    CompletionStage<Void> submit(K key, Supplier<? extends CompletionStage<?>> task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, done);
        Runnable run = () -> {
            CompletionStage<?> running;
            try {
                running = task.get();
            } catch (RuntimeException e) {
                running = CompletableFuture.failedFuture(e);
            }
            running.whenComplete((result, error) -> {
                tails.remove(key, done);
                done.complete(null);
            });
        };
        if (previous == null) {
            run.run();
        } else {
            previous.whenComplete((result, error) -> run.run());
        }
        return done;
    }

    /** Keys with a task queued or running. */
    int pending() {
        return tails.size();
    }
}
