package io.switchboard.examples.broadcast;

import io.switchboard.examples.Messages;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;

/**
 * {@code {"action":"join"}}: the sender starts receiving broadcasts, and learns its id and how many listen:
 * {@code {"type":"joined","connectionId":…,"listeners":n}}.
 */
public final class Join implements RouteHandler {
    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        context.groups().join(Listeners.GROUP, event.connectionId());
        return RouteResult.ok(Messages.json("type", "joined", "connectionId", event.connectionId(),
                "listeners", context.groups().members(Listeners.GROUP).size()));
    }
}
