package io.switchboard.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.switchboard.connections.Connection;
import io.switchboard.errors.GatewayError;
import java.util.Optional;

/**
 * Answers pings with pongs carrying the same payload, drops unsolicited pongs, and runs the client's side of the
 * closing handshake. Control frames do not count as activity for the idle timeout (as reported of AWS). A pong is
 * output like any other: when the peer's outbound queue is over {@code limits.outbound-bytes}, a ping closes the
 * connection with 1008 instead of queueing one more.
 */
final class ControlFrameHandler extends ChannelInboundHandlerAdapter {
    private final Connection connection;

    ControlFrameHandler(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            if (connection.closing()) {
                ping.release();
            } else if (!ctx.channel().isWritable()) { // a peer that pings and never reads: pongs obey the limit too
                ping.release();
                connection.close(GatewayError.SLOW_CONSUMER);
            } else {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
            }
        } else if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
        } else if (msg instanceof CloseWebSocketFrame close) {
            int code = close.statusCode();
            String reason = code < 0 ? "" : close.reasonText();
            close.release();
            connection.closeReceived(code < 0 ? Optional.empty() : Optional.of(code), reason);
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
