package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.switchboard.connections.Connection;
import io.switchboard.handler.GatewayError;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Answers pings with pongs carrying the same payload, drops unsolicited pongs, and runs the client's side of the
 * closing handshake (a close code the RFC does not allow is 1002, a reason that is not UTF-8 is 1007). Control frames do not count as activity for the idle timeout (as reported of AWS). A pong is
 * output like any other: when the peer's outbound queue is over {@code limits.outbound-bytes}, a ping closes the
 * connection with 1008 instead of queueing one more.
 */
final class ControlFrameHandler extends ChannelInboundHandlerAdapter {
    private final Connection connection;

    ControlFrameHandler(Connection connection) {
        this.connection = connection;
    }

    /**
     * The codes a peer may send (RFC 6455 §7.4, IANA's registry): 1000–1003, 1007–1014 and 3000–4999. Netty's own
     * check takes every code from 3000 up, and reads the code as a signed number.
     */
    static boolean isValidCloseCode(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    /** Whether the bytes from {@code from} are complete, valid UTF-8 (Netty's check lets a truncated end pass). */
    private static boolean isUtf8(ByteBuf buffer, int from) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer.nioBuffer(from, buffer.writerIndex() - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
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
            ByteBuf payload = close.content();
            int code = payload.readableBytes() >= 2 ? payload.getUnsignedShort(payload.readerIndex()) : -1;
            boolean reasonValid = payload.readableBytes() <= 2 || isUtf8(payload, payload.readerIndex() + 2);
            String reason = code < 0 ? "" : close.reasonText();
            close.release();
            if (code >= 0 && !isValidCloseCode(code)) {
                connection.close(GatewayError.PROTOCOL_ERROR);
            } else if (!reasonValid) {
                connection.close(GatewayError.INVALID_UTF8);
            } else {
                connection.closeReceived(code < 0 ? Optional.empty() : Optional.of(code), reason);
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
