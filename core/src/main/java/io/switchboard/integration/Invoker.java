package io.switchboard.integration;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.handler.ApiServices;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an integration with its timeout and turns what happens into an {@link Outcome}, delivered on the
 * connection's event loop.
 *
 * <p>A timed-out call is not interrupted (as on AWS, where the integration timeout does not stop the Lambda): its
 * late answer is dropped.
 */
public final class Invoker {
    private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);

    private Invoker() {
    }

    /** Invokes and completes on {@code loop} with the outcome; never completes exceptionally. */
    public static CompletionStage<Outcome> invoke(Integration integration, RouteEvent event, Duration timeout,
                                                  ApiServices services, EventExecutor loop) {
        long start = System.nanoTime();
        CompletableFuture<RouteResult> call;
        try {
            call = integration.invoke(event, new Invocation(event.requestId(), timeout, services)).toCompletableFuture();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        if (call.isDone()) { // mock integrations answer at once: no timer, no hop
            return CompletableFuture.completedFuture(outcomeOf(call, event, start));
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        ScheduledFuture<?> timer = loop.schedule(() -> {
            if (outcome.complete(Outcome.failed(GatewayError.INTEGRATION_TIMEOUT, millisSince(start)))) {
                LOG.info("integration of route {} timed out after {} ms (request {})", event.routeKey(),
                        timeout.toMillis(), event.requestId());
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        CompletableFuture<RouteResult> running = call;
        running.whenComplete((result, error) -> {
            if (loop.inEventLoop()) {
                settle(outcome, outcomeOf(running, event, start), timer);
            } else {
                loop.execute(() -> settle(outcome, outcomeOf(running, event, start), timer));
            }
        });
        return outcome;
    }

    private static Outcome outcomeOf(CompletableFuture<RouteResult> done, RouteEvent event, long start) {
        try {
            return Outcome.answered(done.join(), millisSince(start));
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return failure(event, e, millisSince(start));
        }
    }

    private static void settle(CompletableFuture<Outcome> outcome, Outcome o, ScheduledFuture<?> timer) {
        timer.cancel(false);
        outcome.complete(o);
    }

    private static Outcome failure(RouteEvent event, Throwable error, long latency) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        LOG.warn("integration of route {} failed (request {}, connection {})", event.routeKey(), event.requestId(),
                event.connectionId(), cause);
        return Outcome.failed(GatewayError.INTEGRATION_FAILURE, latency);
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
