package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.switchboard.connections.Connection;
import io.switchboard.handler.GatewayError;
import io.switchboard.routing.InboundMessage;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reassembles fragmented messages and enforces the message limit: a message over it closes the connection with 1009
 * as soon as the fragment that crosses the limit arrives (Netty's own aggregator would drop the connection, which
 * the client sees as 1006). Binary frames close with 1003 unless the API accepts them. Data arriving after the
 * closing handshake started is discarded. A fragmented message must be finished within
 * {@code limits.incomplete-message-timeout}: a peer that starts one and never ends it (or trickles empty
 * continuations) would otherwise hold its partial buffer for ever; it is dropped and the connection closed with 1008.
 */
final class MessageAssembler extends ChannelInboundHandlerAdapter {
    private final Connection connection;
    private final int maxMessageBytes;
    private final boolean acceptBinary;
    private final long incompleteNanos;
    private ByteBuf partial;
    private boolean partialBinary;
    private ScheduledFuture<?> deadline;

    MessageAssembler(Connection connection, int maxMessageBytes, boolean acceptBinary, Duration incompleteTimeout) {
        this.connection = connection;
        this.maxMessageBytes = maxMessageBytes;
        this.acceptBinary = acceptBinary;
        this.incompleteNanos = incompleteTimeout.toNanos();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean data = msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame;
        if (!data) {
            ctx.fireChannelRead(msg);
            return;
        }
        WebSocketFrame frame = (WebSocketFrame) msg;
        try {
            if (!connection.closing()) {
                accept(ctx, frame);
            }
        } finally {
            frame.release();
        }
    }

    private void accept(ChannelHandlerContext ctx, WebSocketFrame frame) {
        ByteBuf content = frame.content();
        if (frame instanceof ContinuationWebSocketFrame) {
            if (partial == null) {
                connection.close(GatewayError.PROTOCOL_ERROR);
                return;
            }
            if (partial.readableBytes() + content.readableBytes() > maxMessageBytes) {
                discardPartial();
                connection.close(GatewayError.MESSAGE_TOO_BIG);
                return;
            }
            partial.writeBytes(content);
            if (frame.isFinalFragment()) {
                emit(ctx, partial, partialBinary);
                discardPartial();
            }
            return;
        }
        if (partial != null) { // a new message inside a fragmented one (RFC 6455 §5.4); Netty's decoder refuses it first
            discardPartial();
            connection.close(GatewayError.PROTOCOL_ERROR);
            return;
        }
        boolean binary = frame instanceof BinaryWebSocketFrame;
        if (binary && !acceptBinary) {
            connection.close(GatewayError.BINARY_NOT_ACCEPTED);
            return;
        }
        if (frame.isFinalFragment()) {
            emit(ctx, content, binary);
            return;
        }
        int initial = Math.min(maxMessageBytes, Math.max(256, content.readableBytes() * 2));
        partial = ctx.alloc().heapBuffer(initial, maxMessageBytes);
        partial.writeBytes(content);
        partialBinary = binary;
        deadline = ctx.executor().schedule(() -> {
            if (partial != null) {
                discardPartial();
                connection.close(GatewayError.INCOMPLETE_MESSAGE);
            }
        }, incompleteNanos, TimeUnit.NANOSECONDS);
    }

    private static void emit(ChannelHandlerContext ctx, ByteBuf content, boolean binary) {
        ctx.fireChannelRead(new InboundMessage(ByteBufUtil.getBytes(content), binary));
    }

    private void discardPartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardPartial();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardPartial();
    }
}
