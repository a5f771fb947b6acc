package io.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * How a server under test expects the scenarios' few operations to be written, and how its frames map back to
 * application payloads. Two shapes cover every peer: API Gateway-style JSON actions (Switchboard, serverless-offline,
 * the Node {@code ws} and raw Netty peers) and Socket.IO's Engine.IO v4 framing.
 */
public sealed interface Protocol {

    /** The text that asks for a pong. */
    String ping();

    /** The text that joins a room. */
    String joinRoom(String room);

    /** The text that sends {@code text} to the other members of a room. */
    String sendToRoom(String room, String text);

    /** The first text the client must send once the WebSocket is open, or null. */
    String greeting();

    /**
     * The application payload of a frame (a slice of it), or null when the frame is the protocol's own
     * (handshake, keep-alive), in which case {@link #reply} may answer it.
     */
    ByteBuf payload(ByteBuf frame);

    /** The answer to a protocol frame (Socket.IO's ping), or null. */
    String reply(ByteBuf frame);

    /** Whether a protocol frame completes the protocol's opening, so the connection is ready. */
    boolean opens(ByteBuf frame);

    /** Whether the connection is ready as soon as the WebSocket handshake completes. */
    boolean readyOnOpen();

    /** API Gateway WebSocket style: {@code {"action":…}} messages in, raw payloads out. */
    record ApiGateway() implements Protocol {
        @Override
        public String ping() {
            return "{\"action\":\"ping\"}";
        }

        @Override
        public String joinRoom(String room) {
            return "{\"action\":\"joinRoom\",\"roomId\":\"" + room + "\"}";
        }

        @Override
        public String sendToRoom(String room, String text) {
            return "{\"action\":\"sendMsgToRoom\",\"roomId\":\"" + room + "\",\"message\":\"" + text + "\"}";
        }

        @Override
        public String greeting() {
            return null;
        }

        @Override
        public ByteBuf payload(ByteBuf frame) {
            return frame;
        }

        @Override
        public String reply(ByteBuf frame) {
            return null;
        }

        @Override
        public boolean opens(ByteBuf frame) {
            return false;
        }

        @Override
        public boolean readyOnOpen() {
            return true;
        }
    }

    /**
     * Socket.IO 4 over a bare WebSocket ({@code /socket.io/?EIO=4&transport=websocket}): the server opens with
     * {@code 0{…}}, the client connects the default namespace with {@code 40} and is ready at the server's
     * {@code 40{…}}; events are {@code 42["name",args…]}; the server's ping {@code 2} is answered {@code 3}.
     */
    record SocketIo() implements Protocol {
        private static final byte[] EVENT_MESSAGE = "42[\"message\",\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] EVENT_OTHER = "42[\"".getBytes(StandardCharsets.US_ASCII);

        @Override
        public String ping() {
            return "42[\"ping\"]";
        }

        @Override
        public String joinRoom(String room) {
            return "42[\"joinRoom\",\"" + room + "\"]";
        }

        @Override
        public String sendToRoom(String room, String text) {
            return "42[\"sendMsgToRoom\",\"" + room + "\",\"" + text + "\"]";
        }

        @Override
        public String greeting() {
            return null; // sent in answer to the server's open packet, see reply()
        }

        @Override
        public ByteBuf payload(ByteBuf frame) {
            if (startsWith(frame, EVENT_MESSAGE)) { // 42["message","<text>"]: the text, without quotes
                int start = frame.readerIndex() + EVENT_MESSAGE.length;
                return frame.slice(start, frame.writerIndex() - 2 - start);
            }
            return startsWith(frame, EVENT_OTHER) ? frame : null;
        }

        @Override
        public String reply(ByteBuf frame) {
            if (frame.readableBytes() == 1 && frame.getByte(frame.readerIndex()) == '2') {
                return "3";
            }
            if (frame.readableBytes() > 1 && frame.getByte(frame.readerIndex()) == '0') {
                return "40"; // connect the default namespace
            }
            return null;
        }

        @Override
        public boolean opens(ByteBuf frame) {
            return frame.readableBytes() >= 2 && frame.getByte(frame.readerIndex()) == '4'
                    && frame.getByte(frame.readerIndex() + 1) == '0';
        }

        @Override
        public boolean readyOnOpen() {
            return false;
        }

        private static boolean startsWith(ByteBuf frame, byte[] prefix) {
            if (frame.readableBytes() < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (frame.getByte(frame.readerIndex() + i) != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
