package io.switchboard.connections;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message on its way to clients, and its one encoding as a WebSocket frame.
 *
 * <p>A fan-out encodes the frame once ({@link #encodeFrame}) and writes duplicates of that buffer to every member:
 * server frames are not masked and the gateway negotiates no extension, so the bytes are the same for every client.
 */
public final class OutboundMessage {
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int FIN = 0x80;

    private final byte[] payload;
    private final boolean binary;

    private OutboundMessage(byte[] payload, boolean binary) {
        this.payload = payload;
        this.binary = binary;
    }

    /** A text message. */
    public static OutboundMessage text(String text) {
        return new OutboundMessage(text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** A binary message; the array is copied. */
    public static OutboundMessage binary(byte[] data) {
        return new OutboundMessage(data.clone(), true);
    }

    /**
     * Data posted by a backend, as the {@code @connections} API treats it: a text message when it is valid UTF-8,
     * otherwise a binary one. The array is copied.
     */
    public static OutboundMessage of(byte[] data) {
        boolean text = ByteBufUtil.isText(Unpooled.wrappedBuffer(data), StandardCharsets.UTF_8);
        return new OutboundMessage(data.clone(), !text);
    }

    /** Data posted by a backend (see {@link #of(byte[])}), copied out of a request body. */
    public static OutboundMessage of(ByteBuf content) {
        boolean text = ByteBufUtil.isText(content, StandardCharsets.UTF_8);
        return new OutboundMessage(ByteBufUtil.getBytes(content), !text);
    }

    /** Payload length in bytes. */
    public int size() {
        return payload.length;
    }

    public boolean binary() {
        return binary;
    }

    /** The payload as text (for text messages). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return Arrays.copyOf(payload, payload.length);
    }

    /** The whole frame (header and payload, unmasked, final) in one direct buffer; the caller releases it. */
    public ByteBuf encodeFrame(ByteBufAllocator alloc) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuf frame = alloc.directBuffer(header + length);
        frame.writeByte(FIN | (binary ? OPCODE_BINARY : OPCODE_TEXT));
        if (length < 126) {
            frame.writeByte(length);
        } else if (length <= 0xFFFF) {
            frame.writeByte(126);
            frame.writeShort(length);
        } else {
            frame.writeByte(127);
            frame.writeLong(length);
        }
        frame.writeBytes(payload);
        return frame;
    }
}
