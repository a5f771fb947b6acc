package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.config.LimitsConfig;
import io.switchboard.connections.Connection;
import io.switchboard.errors.GatewayError;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The idle timeout (no data frame either way for {@code idle-timeout}) and the maximum connection duration, both
 * closing with 1001 "Going away" as AWS does. One timer per connection, for the nearer deadline, rescheduled lazily
 * from the last activity instead of on every frame.
 */
final class ActivityTimers extends ChannelDuplexHandler {
    private final Connection connection;
    private final long idleNanos;
    private final long maxDurationNanos;
    private long closeAtNanos;
    private ScheduledFuture<?> timer;

    ActivityTimers(Connection connection, LimitsConfig limits) {
        this.connection = connection;
        this.idleNanos = limits.idleTimeout().toNanos();
        this.maxDurationNanos = limits.maxConnectionDuration().toNanos();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == WebSocketPipeline.OPENED) {
            connection.touch();
            closeAtNanos = System.nanoTime() + maxDurationNanos;
            schedule(ctx, Math.min(idleNanos, maxDurationNanos));
        }
        ctx.fireUserEventTriggered(event);
    }

    /** One timer per connection, set for the nearer of the idle deadline and the maximum duration. */
    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        long idleFor = now - connection.lastActiveNanos();
        if (now - closeAtNanos >= 0) {
            connection.close(GatewayError.MAX_DURATION_REACHED);
        } else if (idleFor >= idleNanos) {
            connection.close(GatewayError.IDLE_TIMEOUT);
        } else if (ctx.channel().isActive()) {
            schedule(ctx, Math.min(idleNanos - idleFor, closeAtNanos - now));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (isData(msg)) {
            connection.touch();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (isData(msg)) {
            connection.touch();
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Data frames, and frames pre-encoded for a fan-out (the only raw buffers written once the socket is a WebSocket). */
    private static boolean isData(Object msg) {
        return msg instanceof ByteBuf || msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                || msg instanceof ContinuationWebSocketFrame;
    }
}
