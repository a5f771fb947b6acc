package io.switchboard.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.switchboard.connections.Connection;
import io.switchboard.handler.GatewayError;
import io.switchboard.routing.StageApi;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a connection's pipeline: turns protocol violations into the close code they deserve (1002, 1007,
 * 1009), and when the TCP connection is gone, removes the connection from the registry, the connections store and
 * its groups and runs {@code $disconnect}.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private final Connection connection;
    private final StageApi api;
    private final Served served;

    SessionHandler(Connection connection, StageApi api, Served served) {
        this.connection = connection;
        this.api = api;
        this.served = served;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            connection.close(errorFor(corrupted.closeStatus().code()));
        } else if (cause instanceof TooLongFrameException) {
            connection.close(GatewayError.MESSAGE_TOO_BIG);
        } else if (cause instanceof IOException) {
            LOG.debug("connection {} failed: {}", connection.id(), cause.toString());
            ctx.close();
        } else {
            LOG.warn("unexpected failure on connection {}", connection.id(), cause);
            connection.close(GatewayError.INTERNAL_ERROR);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed();
        served.lifecycle().closed(connection, api);
        ctx.fireChannelInactive();
    }

    private static GatewayError errorFor(int closeCode) {
        return switch (closeCode) {
            case 1009 -> GatewayError.MESSAGE_TOO_BIG;
            case 1007 -> GatewayError.INVALID_UTF8;
            default -> GatewayError.PROTOCOL_ERROR;
        };
    }
}
