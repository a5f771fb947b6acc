package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * Keeps the bytes a client sends after its upgrade request, before the 101: they are WebSocket frames, not the next
 * HTTP request. The HTTP decoder stops at the upgrade request (it would take those bytes for a request line and lose
 * them), this handler holds what follows, and once the WebSocket pipeline is in place the bytes go to its frame
 * decoder as if they had just arrived. RFC 6455 §4.1 tells clients to wait for the 101; this serves those that do
 * not. At most {@link #MAX_BYTES} are held: a client sending more before it may is closed.
 */
final class EarlyFrames extends ChannelInboundHandlerAdapter {
    static final String NAME = "ws-early";
    /** More than any handshake's worth of early frames; reading pauses during {@code $connect} anyway. */
    static final int MAX_BYTES = 64 * 1024;

    private CompositeByteBuf held;

    /** From the upgrade request on, the bytes that follow it are kept for the WebSocket pipeline. */
    static void hold(ChannelPipeline pipeline) {
        if (pipeline.get(NAME) != null) {
            return;
        }
        pipeline.addAfter("http-codec", NAME, new EarlyFrames());
        pipeline.get(HttpServerCodec.class).removeInboundHandler(); // what it had not parsed comes to us
    }

    /**
     * Removes the holder and hands what it kept to the frame decoder, which must be in the pipeline now; entering
     * the pipeline right after {@code entry} (the handler before the decoder), so TLS, if any, is not applied again.
     */
    static void release(ChannelPipeline pipeline, String entry) {
        if (!(pipeline.get(NAME) instanceof EarlyFrames early)) {
            return;
        }
        CompositeByteBuf bytes = early.held;
        early.held = null;
        pipeline.remove(NAME);
        if (bytes != null) {
            pipeline.context(entry).fireChannelRead(bytes);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (held == null) {
            held = ctx.alloc().compositeBuffer();
        }
        held.addComponent(true, bytes);
        if (held.readableBytes() > MAX_BYTES) {
            held.release();
            held = null;
            ctx.close();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
