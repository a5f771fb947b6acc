package io.switchboard.integration;

import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

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
        return FunctionThreads.submit(functionThreads, () -> handler.call(event, invocation));
    }
}
