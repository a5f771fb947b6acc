package io.switchboard.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.connections.Connection;
import io.switchboard.handler.ConnectionInfo;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection} on an {@link EmbeddedChannel} with its clock stopped, for testing one pipeline handler at a
 * time: frames go in with {@link #in}, what the handler wrote comes out of {@link #out}, and time moves only when
 * {@link #advance} says so.
 */
final class EmbeddedConnection {
    final EmbeddedChannel channel;
    final Connection connection;

    private EmbeddedConnection(EmbeddedChannel channel, Connection connection) {
        this.channel = channel;
        this.connection = connection;
    }

    /** A channel whose pipeline the handlers {@code handlers} build for the connection, opened. */
    static EmbeddedConnection open(java.util.function.Function<Connection, ChannelHandler[]> handlers) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        Connection connection = new Connection(new ConnectionInfo("test-connection", System.currentTimeMillis(),
                "127.0.0.1", Optional.empty(), "api", "stage", "localhost", Map.of()), channel, "localhost", 64);
        channel.pipeline().addLast(handlers.apply(connection));
        connection.opened(channel.pipeline().firstContext());
        channel.pipeline().fireUserEventTriggered(WebSocketPipeline.OPENED);
        return new EmbeddedConnection(channel, connection);
    }

    void in(Object frame) {
        channel.writeInbound(frame);
    }

    /** The next thing written to the peer, or null. */
    <T> T out() {
        return channel.readOutbound();
    }

    /** The close code of the next outbound frame, which must be a close frame. */
    int closeCode() {
        Object frame = channel.readOutbound();
        if (!(frame instanceof CloseWebSocketFrame close)) {
            ReferenceCountUtil.release(frame);
            throw new AssertionError("expected a close frame, got " + frame);
        }
        int code = close.statusCode();
        close.release();
        return code;
    }

    void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /** Releases whatever is left in the channel. */
    void finish() {
        channel.finishAndReleaseAll();
    }
}
