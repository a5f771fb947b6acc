package io.switchboard.handler;

/**
 * An in-process integration: a Java class named by {@code integration: {type: function, handler: …}}.
 *
 * <p>The gateway creates one instance per route with the public no-argument constructor and calls it from its function
 * threads, so an implementation must be thread-safe. It may block (call a database, another service): it never runs on
 * a network thread. Messages of one connection are handled one at a time, in the order they arrived; different
 * connections are handled in parallel.
 *
 * <p>Throwing sends {@code {"message": "Internal server error", …}} to the client (or rejects a {@code $connect} with
 * 502) and leaves the connection open.
 */
@FunctionalInterface
public interface RouteHandler {

    /**
     * Handles one event.
     *
     * @param event   the event, with the same fields as the Lambda proxy event
     * @param context this invocation's request id, deadline and gateway services
     * @return the answer; see {@link RouteResult}
     */
    RouteResult handle(RouteEvent event, RouteContext context) throws Exception;
}
