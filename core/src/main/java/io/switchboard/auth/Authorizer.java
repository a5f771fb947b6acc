package io.switchboard.auth;

import io.switchboard.handler.RouteEvent;
import java.util.concurrent.CompletionStage;

/**
 * Decides on {@code $connect} whether a connection may open. Called on the connection's event loop; must not block
 * it (blocking work goes to the function threads, remote calls are asynchronous).
 */
public interface Authorizer {

    /**
     * Decides about the {@code $connect} event of a connection.
     *
     * @return completes, on any thread, with the decision; never completes exceptionally
     */
    CompletionStage<AuthorizerDecision> authorize(RouteEvent connect);
}
