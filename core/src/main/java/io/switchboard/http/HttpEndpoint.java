package io.switchboard.http;

import io.netty.channel.ChannelHandlerContext;

/**
 * Something the listener serves over plain HTTP besides WebSocket upgrades: the management API, the development
 * issuer, the APIs' HTTP routes, static files. The composition root hands the listener an ordered list of them; the
 * first that {@link #serves} a request answers it.
 *
 * <p>Both methods are called on the connection's event loop and must not block it.
 */
public interface HttpEndpoint {

    /** Whether this endpoint answers the request (by its path; methods it does not take it answers itself). */
    boolean serves(RoutedRequest request);

    /**
     * Answers the request, now or later, on {@code ctx}. The caller releases the request when this returns:
     * an endpoint that answers later retains what it keeps.
     */
    void handle(ChannelHandlerContext ctx, RoutedRequest request);
}
