package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP connection that does not deliver a complete request in time: after connecting, and after each
 * response on a kept-alive connection. This is the defence against slow-header (slowloris) clients; the
 * {@code $connect} integration's own time does not count, because the timer stops once the request is read.
 *
 * <p>It also closes a connection whose response makes no progress for as long: a client that asks for a large answer
 * (a static file) and never reads it would otherwise hold the whole answer in memory for ever. A slow reader that
 * keeps reading is never cut off.
 */
final class RequestTimeoutHandler extends ChannelDuplexHandler {
    private final long timeoutNanos;
    private ScheduledFuture<?> timer;

    RequestTimeoutHandler(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof FullHttpResponse) {
            ChannelPromise written = promise.unvoid();
            ctx.write(msg, written).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess() && f.channel().isActive()) {
                    arm(ctx);
                }
            });
            if (!written.isDone()) {
                watchProgress(ctx, written, -1);
            }
        } else {
            ctx.write(msg, promise);
        }
    }

    /** Closes the connection when the response still waits and not a byte of it left for a whole timeout. */
    private void watchProgress(ChannelHandlerContext ctx, ChannelPromise written, long pendingBefore) {
        ctx.executor().schedule(() -> {
            if (written.isDone() || !ctx.channel().isActive()) {
                return;
            }
            long pending = unwritten(ctx.channel().unsafe().outboundBuffer());
            if (pending == pendingBefore) {
                ctx.close();
            } else {
                watchProgress(ctx, written, pending);
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Bytes still to write: the queue's total less what already left of the buffer being written (a partial write
     * advances that buffer's reader index, not the queue's total), so it shrinks with every byte the peer takes.
     */
    private static long unwritten(ChannelOutboundBuffer buffer) {
        if (buffer == null) {
            return 0;
        }
        long pending = buffer.totalPendingWriteBytes();
        return buffer.current() instanceof ByteBuf current ? pending - current.readerIndex() : pending;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        timer = ctx.executor().schedule(() -> {
            ctx.close();
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
