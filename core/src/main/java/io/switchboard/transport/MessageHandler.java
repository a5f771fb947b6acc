package io.switchboard.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.switchboard.connections.Connection;
import io.switchboard.routing.Dispatcher;
import io.switchboard.routing.InboundMessage;
import io.switchboard.routing.StageApi;

/** Hands each complete message to the dispatcher, which routes it and answers the client. */
final class MessageHandler extends SimpleChannelInboundHandler<InboundMessage> {
    private final Connection connection;
    private final StageApi api;
    private final Dispatcher dispatcher;

    MessageHandler(Connection connection, StageApi api, Dispatcher dispatcher) {
        this.connection = connection;
        this.api = api;
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, InboundMessage message) {
        if (!connection.closing()) {
            dispatcher.message(api, connection, message);
        }
    }
}
