package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a TLS port: a connection that starts with a TLS record gets the {@link SslHandler} in its
 * place; one that starts with plain text (someone typed {@code http://} or {@code ws://}) is answered
 * {@code 400} in plain text saying so, and closed, with one line in the log instead of a TLS failure's stack trace.
 * Waits for the five bytes of a record header, no more.
 */
final class TlsOnly extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TlsOnly.class);
    private static final String PLAIN_BODY =
            "{\"message\":\"this port speaks TLS only: use https:// or wss:// here\"}\n";
    private static final byte[] PLAIN_ANSWER = ("HTTP/1.1 400 Bad Request\r\n"
            + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + PLAIN_BODY.length()
            + "\r\n\r\n" + PLAIN_BODY).getBytes(StandardCharsets.US_ASCII);

    private final SslContext context;

    TlsOnly(SslContext context) {
        this.context = context;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 5) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            ctx.pipeline().replace(this, "tls", context.newHandler(ctx.alloc()));
            return; // the bytes read so far go on to the TLS handler
        }
        LOG.info("a plain HTTP request from {} came to the TLS port: answered 400", ctx.channel().remoteAddress());
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(PLAIN_ANSWER)).addListener(ChannelFutureListener.CLOSE);
    }
}
