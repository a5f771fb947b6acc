package io.switchboard.testing;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * An executor that runs each task to its end on another thread while the submitting thread waits: the interleaving
 * in which an event thread wins every race with the thread that produced the event, forced every time.
 */
public final class WaitingExecutor {

    private WaitingExecutor() {
    }

    /** Runs each task on {@code thread} and returns once it has finished. */
    public static Executor on(ExecutorService thread) {
        return task -> {
            try {
                thread.submit(task).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        };
    }
}
