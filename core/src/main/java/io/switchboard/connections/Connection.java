package io.switchboard.connections;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Ticker;
import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.GatewayError;
import io.switchboard.throttle.Allowance;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connection, from its upgrade request to its {@code $disconnect}.
 *
 * <p>State changes happen on the connection's event loop; {@link #send}, {@link #close} and the accessors may be
 * called from any thread. Closing follows RFC 6455: the gateway sends a close frame and keeps reading (and discarding)
 * until the client answers or {@link #CLOSE_LINGER_MILLIS} passes, so the client reads the close code instead of a
 * TCP reset. The linger counts from the moment closing starts, whichever side starts it, not from when the close
 * frame is written: a peer that never reads never lets that frame out, and must not hold the connection for it.
 */
public final class Connection {
    /** How long a server-initiated close waits for the client's close frame before dropping TCP. */
    public static final long CLOSE_LINGER_MILLIS = 3000;

    /** Where a connection is in its life. */
    public enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    private final ConnectionInfo info;
    private final Channel channel;
    private final String host;
    private final Lane lane;
    private volatile State state = State.CONNECTING;
    /** The event loop's clock: what its timers run on, and what tests can stop and advance. */
    private final Ticker ticker;
    private final long createdNanos;
    private volatile long lastActiveNanos;
    private CloseStatus closeStatus;
    private boolean accepted;
    private boolean disconnectDispatched;
    private volatile Allowance allowance = Allowance.NONE;
    /** The frame encoder's place in the pipeline, where pre-encoded frames enter (set when the upgrade completes). */
    private ChannelHandlerContext encoded;
    /** Ends the TCP connection {@link #CLOSE_LINGER_MILLIS} after closing started, whatever the peer does. */
    private ScheduledFuture<?> closeDeadline;

    public Connection(ConnectionInfo info, Channel channel, String host, int pendingMessages) {
        this.info = info;
        this.channel = channel;
        this.host = host;
        this.lane = new Lane(channel, pendingMessages);
        this.ticker = channel.eventLoop().ticker();
        this.createdNanos = ticker.nanoTime();
        this.lastActiveNanos = createdNanos;
    }

    public String id() {
        return info.connectionId();
    }

    public ConnectionInfo info() {
        return info;
    }

    public Channel channel() {
        return channel;
    }

    /** The {@code Host} header of the upgrade request. */
    public String host() {
        return host;
    }

    /** What the connection may still send: its message bucket and the API key it was opened with. */
    public Allowance allowance() {
        return allowance;
    }

    /** Sets the allowance decided on {@code $connect}, before the connection opens. Event loop only. */
    public void allowance(Allowance decided) {
        allowance = Objects.requireNonNull(decided, "allowance");
    }

    /** The ordered queue of this connection's integration calls. */
    public Lane lane() {
        return lane;
    }

    public State state() {
        return state;
    }

    /** When a data frame last went either way, epoch milliseconds. */
    public long lastActiveAt() {
        return info.connectedAt() + (lastActiveNanos - createdNanos) / 1_000_000;
    }

    /** When a data frame last went either way, on the {@link #clock()}. */
    public long lastActiveNanos() {
        return lastActiveNanos;
    }

    /** The clock of the connection's event loop, in nanoseconds, which its timers and deadlines use. */
    public Ticker clock() {
        return ticker;
    }

    /** Records data-frame activity: the idle timeout counts from here. */
    public void touch() {
        lastActiveNanos = ticker.nanoTime();
    }

    /**
     * The upgrade completed: the connection is open and in the registry. Event loop only.
     *
     * @param frameEncoder the context of the WebSocket frame encoder: frames already encoded are written from there,
     *                     past the handlers that only look at frames (they would pass them on unchanged)
     */
    public void opened(ChannelHandlerContext frameEncoder) {
        encoded = frameEncoder;
        state = State.OPEN;
    }

    /**
     * {@code $connect} accepted the connection, so {@code $disconnect} is owed whatever happens next (even if the 101
     * never reaches the client). Event loop only.
     */
    public void accepted() {
        accepted = true;
    }

    /** Whether {@code $disconnect} is owed and not yet dispatched; marks it dispatched. Event loop only. */
    public boolean takeDisconnect() {
        if (!accepted || disconnectDispatched) {
            return false;
        }
        disconnectDispatched = true;
        return true;
    }

    /** How the connection ended (or is ending); {@link CloseStatus#ABNORMAL} if no close frame was seen. */
    public CloseStatus closeStatus() {
        return closeStatus == null ? CloseStatus.ABNORMAL : closeStatus;
    }

    /** Whether the closing handshake has started, from either side. */
    public boolean closing() {
        State s = state;
        return s == State.CLOSING || s == State.CLOSED;
    }

    /** What became of a message handed to {@link #send}. */
    public enum SendResult {
        /** Queued for the client. */
        SENT,
        /** The connection is not open (still in {@code $connect}, closing or closed): nothing was sent. */
        GONE,
        /** The client is not reading and its outbound queue is over {@code limits.outbound-bytes}: nothing sent. */
        FULL
    }

    /** Sends a text message if the connection is open and reading. Any thread. */
    public SendResult send(String text) {
        if (state != State.OPEN) {
            return SendResult.GONE;
        }
        // Encoded straight into a pooled buffer of the channel's allocator: no heap copy for the encoder to copy again.
        return write(new TextWebSocketFrame(ByteBufUtil.writeUtf8(channel.alloc(), text)));
    }

    /** Sends a binary message if the connection is open and reading; takes ownership of the buffer. Any thread. */
    public SendResult sendBinary(ByteBuf data) {
        return write(new BinaryWebSocketFrame(data));
    }

    /** Sends a message if the connection is open and reading. Any thread. */
    public SendResult send(OutboundMessage message) {
        if (state != State.OPEN) {
            return SendResult.GONE;
        }
        return write(message.encodeFrame(channel.alloc()));
    }

    /**
     * Sends a frame already encoded by {@link OutboundMessage#encodeFrame} (a fan-out writes duplicates of one
     * buffer); takes ownership of the buffer. Any thread.
     */
    public SendResult sendFrame(ByteBuf encodedFrame) {
        return write(encodedFrame);
    }

    /**
     * Writes a frame encoded by {@link OutboundMessage#encodeFrame} without flushing, when the connection is open;
     * takes ownership of the buffer. Event loop only: the caller flushes.
     */
    public boolean writeFrame(ByteBuf encodedFrame) {
        if (state != State.OPEN) {
            encodedFrame.release();
            return false;
        }
        // A fan-out writes to many connections: enter the pipeline below the frame handlers, which would only pass
        // the buffer on, and record the outbound activity the idle timer counts (as ActivityTimers would).
        touch();
        encoded.write(encodedFrame, channel.voidPromise());
        return true;
    }

    /** Flushes what {@link #writeFrame} wrote. Event loop only. */
    public void flushFrames() {
        encoded.flush();
    }

    private SendResult write(Object frame) {
        if (state != State.OPEN) {
            ReferenceCountUtil.release(frame);
            return SendResult.GONE;
        }
        if (!channel.isWritable()) { // the channel's high water mark is limits.outbound-bytes
            ReferenceCountUtil.release(frame);
            return SendResult.FULL;
        }
        channel.writeAndFlush(frame, channel.voidPromise());
        return SendResult.SENT;
    }

    /** Closes with a catalogue error's close code and message. Any thread. */
    public void close(GatewayError error) {
        close(error.closeCode(), error.message());
    }

    /** Starts the closing handshake with this code and reason. Any thread; later calls are ignored. */
    public void close(int code, String reason) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> close(code, reason));
            return;
        }
        if (closeStatus != null || state == State.CLOSED) {
            return;
        }
        closeStatus = new CloseStatus(code, reason);
        state = State.CLOSING;
        if (!channel.isActive()) {
            return;
        }
        channel.config().setAutoRead(true); // keep reading until the client answers, so no reset loses our frame
        startCloseDeadline();
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                channel.close();
            } else if (channel instanceof SocketChannel socket && channel.pipeline().get(SslHandler.class) == null) {
                // The server closes TCP first (RFC 6455 §7.1.1): our FIN follows the close frame, and reading goes
                // on, so the peer's answer (or its own FIN) ends the connection at once, even when the frame
                // decoder discards everything after a protocol violation. Over TLS a bare FIN would truncate the
                // session, so there the peer's answer or the linger ends it.
                socket.shutdownOutput();
            }
        });
    }

    private void startCloseDeadline() {
        closeDeadline = channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * The client sent a close frame. If the gateway had not started closing, this records the client's code and
     * answers with the same code; either way the TCP connection then closes. Event loop only.
     */
    public void closeReceived(Optional<Integer> code, String reason) {
        if (closeStatus != null) {
            channel.close();
            return;
        }
        closeStatus = code.map(c -> new CloseStatus(c, reason)).orElse(CloseStatus.NO_STATUS);
        state = State.CLOSING;
        CloseWebSocketFrame answer = code.map(c -> new CloseWebSocketFrame(c, ""))
                .orElseGet(CloseWebSocketFrame::new);
        startCloseDeadline(); // the answer waits behind whatever the peer has not read yet
        channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    /** The TCP connection is gone. Event loop only. */
    public void closed() {
        state = State.CLOSED;
        if (closeDeadline != null) {
            closeDeadline.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "Connection[" + id() + " " + info.stage() + " " + state + "]";
    }
}
