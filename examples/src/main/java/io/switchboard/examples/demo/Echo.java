package io.switchboard.examples.demo;

import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;

/**
 * The {@code echo} route: answers a message with the message itself. A Switchboard {@link RouteHandler}; with
 * {@code route-response: true} the returned body goes back to the sender.
 */
public final class Echo implements RouteHandler {
    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        return RouteResult.ok(event.body().orElse(""));
    }
}
