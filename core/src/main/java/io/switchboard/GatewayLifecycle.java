package io.switchboard;

import io.switchboard.connections.Connection;
import io.switchboard.connections.ConnectionRegistry;
import io.switchboard.groups.GroupService;
import io.switchboard.handler.RouteEvent;
import io.switchboard.routing.Dispatcher;
import io.switchboard.routing.StageApi;
import io.switchboard.transport.ConnectionLifecycle;

/**
 * What opening and closing a connection means to the gateway, in order. Opening: the connection joins this node's
 * registry (so {@code @connections} finds it) and is recorded under its user. Closing: it leaves the registry, then
 * {@code $disconnect} runs, and only after it its memberships and its entry by user go, so that the handler can
 * still tell the connection's rooms it left and find out whose connection it was. Event loop.
 */
final class GatewayLifecycle implements ConnectionLifecycle {
    private final ConnectionRegistry registry;
    private final Dispatcher dispatcher;
    private final GroupService groups;
    private final Realtime realtime;

    GatewayLifecycle(ConnectionRegistry registry, Dispatcher dispatcher, GroupService groups, Realtime realtime) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.groups = groups;
        this.realtime = realtime;
    }

    @Override
    public void opened(Connection connection, RouteEvent connect) {
        registry.register(connection);
        realtime.opened(connection, connect);
    }

    @Override
    public void closed(Connection connection, StageApi api) {
        // $disconnect is counted as work before the connection leaves the registry: a stopping server waits for
        // the registry to empty, then for the work, and must not find both empty in between.
        var disconnected = dispatcher.disconnect(api, connection);
        registry.unregister(connection);
        disconnected.whenComplete((ok, error) -> {
            groups.disconnected(api.stage(), connection.id());
            realtime.closed(connection);
        });
    }
}
