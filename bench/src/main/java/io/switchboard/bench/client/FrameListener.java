package io.switchboard.bench.client;

import io.netty.buffer.ByteBuf;

/** What a scenario does with the frames its connections receive. Called on the connection's event loop. */
@FunctionalInterface
public interface FrameListener {

    /** An application payload; the buffer is valid during the call only. */
    void onPayload(ClientConnection connection, ByteBuf payload);

    /** The connection closed. */
    default void onClose(ClientConnection connection) {
    }
}
