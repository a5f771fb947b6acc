package io.switchboard.integration;

import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Runs an in-process handler class on the function threads, never on the event loop. */
final class FunctionIntegration implements Integration {
    private final FunctionHandler handler;
    private final Executor functionThreads;

    FunctionIntegration(FunctionHandler handler, Executor functionThreads) {
        this.handler = handler;
        this.functionThreads = functionThreads;
    }

    @Override
    public CompletionStage<RouteResult> invoke(RouteEvent event, Invocation invocation) {
        CompletableFuture<RouteResult> result = new CompletableFuture<>();
        try {
            functionThreads.execute(() -> {
                try {
                    result.complete(handler.call(event, invocation));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IntegrationException("every function thread is busy and the queue is "
                    + "full (server.function-threads, server.function-queue)", e));
        }
        return result;
    }
}
