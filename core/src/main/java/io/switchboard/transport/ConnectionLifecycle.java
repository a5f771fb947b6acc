package io.switchboard.transport;

import io.switchboard.connections.Connection;
import io.switchboard.handler.RouteEvent;
import io.switchboard.routing.StageApi;

/**
 * What the rest of the gateway does when a WebSocket connection opens and closes: the listener calls it and knows
 * nothing of the clean-up order behind it (the connections registry, {@code $disconnect}, rooms, the connections
 * store). The composition root implements it.
 *
 * <p>Both methods are called on the connection's event loop and must not block it.
 */
public interface ConnectionLifecycle {

    /** The upgrade completed: the client has its 101 and {@code connect} is the CONNECT event its backend saw. */
    void opened(Connection connection, RouteEvent connect);

    /** The channel of an opened connection closed (whoever closed it); {@code api} is the stage it belonged to. */
    void closed(Connection connection, StageApi api);
}
