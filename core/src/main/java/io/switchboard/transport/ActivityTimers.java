package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.config.LimitsConfig;
import io.switchboard.connections.Connection;
import io.switchboard.handler.GatewayError;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The connection's clocks, on one timer for the nearest deadline, rescheduled lazily from the last activity instead
 * of on every frame:
 * <ul>
 *   <li>the idle timeout (no data frame either way for {@code idle-timeout}) and the maximum connection duration,
 *       both closing with 1001 "Going away" as AWS does;</li>
 *   <li>the server's pings: when nothing at all has come from the peer for {@code ping-interval}, a ping; when
 *       nothing comes for {@code pong-timeout} after it, the peer is gone (a vanished host, a dead NAT mapping) and
 *       the connection closes with 1001 "Ping timeout". A busy peer is never pinged: what it sends proves it is
 *       there. Pings are control frames and do not count as activity for the idle timeout.</li>
 * </ul>
 * Once the connection is closing, the close's own deadline ({@link Connection#CLOSE_LINGER_MILLIS}) takes over.
 */
final class ActivityTimers extends ChannelDuplexHandler {
    private final Connection connection;
    private final long idleNanos;
    private final long maxDurationNanos;
    private final long pingNanos;
    private final long pongNanos;
    private long closeAtNanos;
    private long heardNanos;
    /** When the unanswered ping went out; 0 when none is outstanding. */
    private long pingSentNanos;
    private ScheduledFuture<?> timer;

    ActivityTimers(Connection connection, LimitsConfig limits) {
        this.connection = connection;
        this.idleNanos = limits.idleTimeout().toNanos();
        this.maxDurationNanos = limits.maxConnectionDuration().toNanos();
        this.pingNanos = limits.pingInterval().map(java.time.Duration::toNanos).orElse(Long.MAX_VALUE);
        this.pongNanos = limits.pongTimeout().toNanos();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == WebSocketPipeline.OPENED) {
            connection.touch();
            long now = connection.clock().nanoTime();
            heardNanos = now;
            closeAtNanos = now + maxDurationNanos;
            schedule(ctx, Math.min(Math.min(idleNanos, maxDurationNanos), pingNanos));
        }
        ctx.fireUserEventTriggered(event);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> check(ctx), Math.max(delayNanos, 0), TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        if (connection.closing() || !ctx.channel().isActive()) {
            return;
        }
        long now = connection.clock().nanoTime();
        long idleFor = now - connection.lastActiveNanos();
        if (now - closeAtNanos >= 0) {
            connection.close(GatewayError.MAX_DURATION_REACHED);
            return;
        }
        if (idleFor >= idleNanos) {
            connection.close(GatewayError.IDLE_TIMEOUT);
            return;
        }
        long next = Math.min(idleNanos - idleFor, closeAtNanos - now);
        if (pingSentNanos != 0 && heardNanos - pingSentNanos < 0) { // nothing since the ping
            long waited = now - pingSentNanos;
            if (waited >= pongNanos) {
                connection.close(GatewayError.PING_TIMEOUT);
                return;
            }
            next = Math.min(next, pongNanos - waited);
        } else if (pingNanos != Long.MAX_VALUE) {
            pingSentNanos = 0;
            long silentFor = now - heardNanos;
            if (silentFor >= pingNanos) {
                ping(ctx);
                pingSentNanos = now;
                next = Math.min(next, pongNanos);
            } else {
                next = Math.min(next, pingNanos - silentFor);
            }
        }
        schedule(ctx, next);
    }

    /** A ping for a peer that reads; one that does not is not given more to hold, but still owes the answer. */
    private static void ping(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        heardNanos = connection.clock().nanoTime(); // any frame, control frames too, proves the peer is there
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
