package io.switchboard.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One TCP connection to the gateway, spoken to byte by byte: raw HTTP, the upgrade, frames as {@link Frame} builds
 * them, and frames from the server read with a deadline. Every read has a timeout: a server that does not answer
 * fails the case instead of hanging it.
 */
final class WireSocket implements AutoCloseable {
    /** How long the server may take to answer (a status, a frame, a close). */
    static final Duration ANSWER = Duration.ofSeconds(5);
    /**
     * How long the server may take to end TCP after its close frame. The gateway lingers up to 3 s for the client's
     * close answer (Connection.CLOSE_LINGER_MILLIS), so this leaves room for that and a loaded machine.
     */
    static final Duration TCP_END = Duration.ofSeconds(7);

    /** A frame from the server. */
    record ServerFrame(int opcode, boolean fin, int rsv, boolean masked, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code, 1005 when the close frame has no payload. */
        int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
        }

        String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        @Override
        public String toString() {
            String shown = opcode == Frame.CLOSE ? "code " + closeCode() + " \"" + closeReason() + "\""
                    : payload.length > 80 ? payload.length + " bytes" : "\"" + text() + "\"";
            return "frame[opcode " + opcode + (fin ? "" : ", not final") + (rsv != 0 ? ", rsv " + rsv : "")
                    + (masked ? ", MASKED" : "") + ", " + shown + "]";
        }
    }

    /** How the server ended a WebSocket connection: its close frame (code 1006 when there was none). */
    record Closed(int code, String reason, List<ServerFrame> before, String how) {
        @Override
        public String toString() {
            return code == 1006 ? "no close frame (" + how + ")" + (before.isEmpty() ? "" : " after " + before)
                    : "close " + code + (reason.isEmpty() ? "" : " \"" + reason + "\"")
                    + (before.isEmpty() ? "" : " after " + before);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int localPort;

    private WireSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) ANSWER.toMillis());
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.localPort = socket.getLocalPort();
    }

    static WireSocket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) ANSWER.toMillis());
        return new WireSocket(socket);
    }

    int localPort() {
        return localPort;
    }

    /** A random Sec-WebSocket-Key: base64 of 16 bytes. */
    static String newKey() {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The minimal valid upgrade request. */
    static String upgradeRequest(String path, int port, String key) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** Sends a valid upgrade and fails unless the answer is 101. */
    WireSocket upgrade(String path, int port) throws IOException {
        write(upgradeRequest(path, port, newKey()));
        HttpReply reply = readHttpHead();
        if (reply.status() != 101) {
            throw new AssertionError("the upgrade of " + path + " was refused: " + reply);
        }
        return this;
    }

    WireSocket write(String latin1) throws IOException {
        return write(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    WireSocket write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    WireSocket send(Frame... frames) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            all.writeBytes(frame.bytes());
        }
        return write(all.toByteArray());
    }

    /** Writes, and tells whether the server had already closed (a reset or broken pipe) instead of failing. */
    boolean writeQuietly(byte[] bytes) {
        try {
            write(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends a text frame. */
    WireSocket sendText(String text) throws IOException {
        return send(Frame.text(text));
    }

    /** Reads the response head: status line and headers, up to the blank line. */
    HttpReply readHttpHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = 0; // the last four bytes, to find the blank line
        while (last != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return HttpReply.closedWithoutAnswer();
                }
                throw new EOFException("the connection ended inside the response head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            last = last << 8 | b;
        }
        return HttpReply.parseHead(head.toString(StandardCharsets.ISO_8859_1));
    }

    /** Reads a whole response: its head, then a Content-Length or chunked body (none for 1xx, 204, 304). */
    HttpReply readHttpReply() throws IOException {
        HttpReply head = readHttpHead();
        if (head.status() < 0 || head.status() < 200 || head.status() == 204 || head.status() == 304) {
            return head;
        }
        String length = head.header("content-length");
        if (length != null) {
            byte[] body = readFully(Integer.parseInt(length.trim()));
            return head.withBody(body);
        }
        String encoding = head.header("transfer-encoding");
        if (encoding != null && encoding.toLowerCase().contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine();
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                body.writeBytes(readFully(n));
                readLine();
            }
            return head.withBody(body.toByteArray());
        }
        return head.withBody(readToEnd());
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("end of stream in a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    byte[] readFully(int n) throws IOException {
        byte[] data = in.readNBytes(n);
        if (data.length < n) {
            throw new EOFException("expected " + n + " bytes, the connection ended after " + data.length);
        }
        return data;
    }

    private byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // a reset after the answer
        }
        return all.toByteArray();
    }

    /** Reads the next frame from the server; throws on timeout or end of stream. */
    ServerFrame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        if (length < 0 || length > 64 * 1024 * 1024) {
            throw new IOException("the server sent a frame of length " + length);
        }
        byte[] maskKey = (b1 & 0x80) != 0 ? readFully(4) : null;
        byte[] payload = readFully((int) length);
        if (maskKey != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= maskKey[i % 4];
            }
        }
        return new ServerFrame(b0 & 0x0f, (b0 & 0x80) != 0, (b0 >> 4) & 0x7, maskKey != null, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("end of stream");
        }
        return b;
    }

    /** The next frame, which must be a data or control frame the server may send unprompted: never masked, no RSV. */
    ServerFrame next() throws IOException {
        ServerFrame frame = readFrame();
        if (frame.masked() || frame.rsv() != 0) {
            throw new AssertionError("the server sent an invalid frame: " + frame);
        }
        return frame;
    }

    /**
     * Reads frames until the server's close frame (within {@link #ANSWER}); answers it with a close frame of the same
     * code, as RFC 6455 §5.5.1 asks. Code 1006 when the connection ended or went silent without one.
     */
    Closed awaitClose() {
        List<ServerFrame> before = new ArrayList<>();
        long deadline = System.nanoTime() + ANSWER.toNanos();
        try {
            while (true) {
                int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                socket.setSoTimeout(left);
                ServerFrame frame = readFrame();
                if (frame.opcode() == Frame.CLOSE) {
                    try {
                        socket.setSoTimeout((int) ANSWER.toMillis());
                        send(frame.payload().length >= 2 ? Frame.close(frame.closeCode(), "") : Frame.op(Frame.CLOSE));
                    } catch (IOException e) {
                        // the server may already have ended TCP
                    }
                    return new Closed(frame.closeCode(), frame.closeReason(), before, "close frame");
                }
                before.add(frame);
            }
        } catch (SocketTimeoutException e) {
            return new Closed(1006, "", before, "nothing within " + ANSWER.toSeconds() + " s: the server hung");
        } catch (EOFException e) {
            return new Closed(1006, "", before, "TCP ended");
        } catch (IOException e) {
            return new Closed(1006, "", before, e.toString());
        } finally {
            try {
                socket.setSoTimeout((int) ANSWER.toMillis());
            } catch (SocketException e) {
                // closed
            }
        }
    }

    /**
     * Whether the server ends the TCP connection within {@code within}; bytes arriving meanwhile are discarded and
     * counted. A reset counts as an end.
     */
    boolean awaitEnd(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) left);
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads whatever arrives within {@code within}, until the end of stream: for "no answer" checks. */
    byte[] drain(Duration within) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + within.toNanos();
        byte[] buffer = new byte[4096];
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) left);
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                got.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // timeout or reset: what came is what came
        }
        return got.toByteArray();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
