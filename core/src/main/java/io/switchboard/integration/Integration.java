package io.switchboard.integration;

import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import java.util.concurrent.CompletionStage;

/**
 * Where a route's events go. {@link #invoke} is called on the connection's event loop and must not block it:
 * blocking work goes to an executor, remote calls are asynchronous.
 */
public interface Integration {

    /**
     * Starts one invocation.
     *
     * @return completes, on any thread, with the integration's answer, or fails when the integration failed
     */
    CompletionStage<RouteResult> invoke(RouteEvent event, Invocation invocation);
}
