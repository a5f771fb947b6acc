package io.switchboard.inprocess;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for an engine operation on behalf of blocking callers (handlers on function threads). */
final class Await {
    /** Longer than any engine operation should take; past it something is broken. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Await() {
    }

    /** The stage's value; its {@link GatewayException} is rethrown as it is. */
    static <T> T result(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new GatewayException(GatewayError.INTERNAL_ERROR, "engine operation failed", cause);
        } catch (TimeoutException e) {
            throw new GatewayException(GatewayError.INTERNAL_ERROR, "engine operation took over " + LIMIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(GatewayError.INTERNAL_ERROR, "interrupted", e);
        }
    }
}
