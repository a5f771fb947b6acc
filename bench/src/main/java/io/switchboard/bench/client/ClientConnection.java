package io.switchboard.bench.client;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/** One load-generator connection: its channel, its number in the run, and a slot for the scenario's state. */
public final class ClientConnection {
    private final Channel channel;
    private final int index;
    private volatile Object state;

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
}
