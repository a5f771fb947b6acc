package io.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client at the byte level, for what a well-behaved client library refuses to send: invalid UTF-8,
 * oversized or unmasked frames, odd fragmentation. Frames it sends are masked unless asked otherwise.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CONTINUATION = 0;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;

    /** A frame from the server. */
    public record Frame(int opcode, boolean fin, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame, 1005 when it has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
    }

    /** Opens a WebSocket at {@code path}; fails unless the server answers 101. */
    public static RawWebSocket open(int port, String path) throws IOException {
        RawWebSocket ws = new RawWebSocket(new Socket("127.0.0.1", port));
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String response = ws.http("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n\r\n");
        if (!response.startsWith("HTTP/1.1 101")) {
            ws.close();
            throw new IOException("upgrade refused: " + response);
        }
        return ws;
    }

    /** Sends a raw HTTP request on a new connection and returns the response head and body read so far. */
    public static String httpExchange(int port, String request) throws IOException {
        try (RawWebSocket raw = new RawWebSocket(new Socket("127.0.0.1", port))) {
            raw.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            raw.out.flush();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = raw.in.read(buffer)) > 0) {
                    response.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // a reset after the response still leaves the response readable
            }
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private String http(String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Sends one masked frame. */
    public RawWebSocket send(int opcode, boolean fin, byte[] payload) throws IOException {
        return send(opcode, fin, payload, true);
    }

    public RawWebSocket sendText(String text) throws IOException {
        return send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one frame, masked or not. */
    public RawWebSocket send(int opcode, boolean fin, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (((long) payload.length >>> shift) & 0xff));
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        frame.write(body);
        out.write(frame.toByteArray());
        out.flush();
        return this;
    }

    /** Reads the next frame; fails on timeout or end of stream. */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, (b0 & 0x80) != 0, payload);
    }

    /**
     * Reads until the server's close frame and returns its code; 1006 when the connection ends without one.
     * Answers the close as a client should.
     */
    public int awaitCloseCode() throws IOException {
        try {
            while (true) {
                Frame frame = read();
                if (frame.opcode() == CLOSE) {
                    try {
                        send(CLOSE, true, frame.payload().length >= 2
                                ? new byte[] {frame.payload()[0], frame.payload()[1]} : new byte[0]);
                    } catch (IOException e) {
                        // the server may already be gone
                    }
                    return frame.closeCode();
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            return 1006;
        } catch (IOException e) {
            return 1006;
        }
    }

    /** Whether the server closed the TCP connection (end of stream) within the socket timeout. */
    public boolean awaitEndOfStream() throws IOException {
        InputStream raw = in;
        try {
            while (raw.read() >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
