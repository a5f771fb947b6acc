package io.switchboard.bench.client;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/** One load-generator connection: its channel, its number in the run, and a slot for the scenario's state. */
public final class ClientConnection {
    private final Channel channel;
    private final int index;
    private volatile Object state;
    private volatile int closeCode = -1;
    private volatile String closeReason = "";
    private volatile Throwable failure;

    ClientConnection(Channel channel, int index) {
        this.channel = channel;
        this.index = index;
    }

    public int index() {
        return index;
    }

    public Channel channel() {
        return channel;
    }

    @SuppressWarnings("unchecked")
    public <T> T state() {
        return (T) state;
    }

    public void state(Object value) {
        state = value;
    }

    /** Sends a text frame (masked, as a client must). */
    public void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
    }

    /** Starts the closing handshake; the server ends the TCP connection. */
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, ""));
        }
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** The status code of the close frame the server sent, or -1 if none arrived (yet). */
    public int closeCode() {
        return closeCode;
    }

    /** The reason of the server's close frame, empty if none arrived. */
    public String closeReason() {
        return closeReason;
    }

    /** What ended the connection with an error (a reset, a decoding failure), or null. */
    public Throwable failure() {
        return failure;
    }

    void closeFrameReceived(int code, String reason) {
        closeReason = reason == null ? "" : reason;
        closeCode = code;
    }

    void failed(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }
}
