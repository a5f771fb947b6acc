package io.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection's pipeline end: runs the opening handshake, then hands text payloads to the scenario and
 * answers the protocol's own frames (pings, Socket.IO's opening and keep-alive).
 */
final class ClientHandler extends SimpleChannelInboundHandler<Object> {
    private final WebSocketClientHandshaker handshaker;
    private final int index;
    private final Protocol protocol;
    private final FrameListener listener;
    private final CompletableFuture<ClientConnection> ready;
    private ClientConnection connection;

    ClientHandler(URI uri, int index, Protocol protocol, FrameListener listener,
                  CompletableFuture<ClientConnection> ready) {
        this.handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, false,
                new DefaultHttpHeaders(), 1 << 20);
        this.index = index;
        this.protocol = protocol;
        this.listener = listener;
        this.ready = ready;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (!handshaker.isHandshakeComplete()) {
            handshaker.finishHandshake(ctx.channel(), (FullHttpResponse) msg); // throws on a refused upgrade
            connection = new ClientConnection(ctx.channel(), index);
            if (protocol.greeting() != null) {
                connection.send(protocol.greeting());
            }
            if (protocol.readyOnOpen()) {
                ready.complete(connection);
            }
            return;
        }
        if (msg instanceof TextWebSocketFrame text) {
            ByteBuf content = text.content();
            ByteBuf payload = protocol.payload(content);
            if (payload != null) {
                listener.onPayload(connection, payload);
                return;
            }
            String reply = protocol.reply(content);
            if (reply != null) {
                connection.send(reply);
            }
            if (protocol.opens(content)) {
                ready.complete(connection);
            }
        } else if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (msg instanceof CloseWebSocketFrame close) {
            if (connection != null) {
                connection.closeFrameReceived(close.statusCode(), close.reasonText());
            }
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ready.isDone()) {
            ready.completeExceptionally(new IllegalStateException("connection closed before it was ready"));
        } else if (connection != null) {
            listener.onClose(connection);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection != null) {
            connection.failed(cause);
        }
        if (!ready.isDone()) {
            ready.completeExceptionally(cause);
        }
        ctx.close();
    }
}
