package io.switchboard.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/** The expectations the case tables share; each throws an AssertionError saying what came instead. */
final class Expect {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private Expect() {
    }

    /**
     * "close X": the server's close frame with code X within {@link WireSocket#ANSWER} (answered with a close), then
     * the end of the TCP connection within {@link WireSocket#TCP_END}.
     */
    static void close(WireSocket ws, int code) {
        WireSocket.Closed closed = ws.awaitClose();
        if (closed.code() != code) {
            throw new AssertionError(closed.toString());
        }
        if (!ws.awaitEnd(WireSocket.TCP_END)) {
            throw new AssertionError("close " + code + " arrived, but the gateway had not ended TCP "
                    + WireSocket.TCP_END.toSeconds() + " s later");
        }
    }

    /** The next frame is a data frame of this opcode with exactly this payload. */
    static void frame(WireSocket ws, int opcode, byte[] payload) throws IOException {
        WireSocket.ServerFrame frame;
        try {
            frame = ws.next();
        } catch (IOException e) {
            throw new AssertionError("no frame: " + e);
        }
        if (frame.opcode() != opcode || !frame.fin() || !Arrays.equals(frame.payload(), payload)) {
            throw new AssertionError("expected " + describe(opcode, payload) + ", got " + describe(frame.opcode(),
                    frame.payload()) + (frame.fin() ? "" : " (not final)"));
        }
    }

    static void text(WireSocket ws, String text) throws IOException {
        frame(ws, Frame.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static void text(WireSocket ws, byte[] utf8) throws IOException {
        frame(ws, Frame.TEXT, utf8);
    }

    /** The connection is still open and working: a text message to an echo stage comes back. */
    static void stillEchoes(WireSocket ws) throws IOException {
        ws.sendText("still open?");
        text(ws, "still open?");
    }

    /** Nothing at all arrives for a while (for "ignored" frames). */
    static void silence(WireSocket ws, Duration during) {
        byte[] got = ws.drain(during);
        if (got.length > 0) {
            throw new AssertionError("expected nothing, got " + got.length + " bytes: " + hex(got, 40));
        }
    }

    static String describe(int opcode, byte[] payload) {
        String kind = switch (opcode) {
            case Frame.TEXT -> "text";
            case Frame.BINARY -> "binary";
            case Frame.CLOSE -> "close";
            case Frame.PING -> "ping";
            case Frame.PONG -> "pong";
            default -> "opcode " + opcode;
        };
        return kind + " frame of " + payload.length + " bytes [" + hex(payload, 24) + "]";
    }

    static String hex(byte[] bytes, int max) {
        String shown = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, max));
        return bytes.length > max ? shown + " …" : shown;
    }

    /** The HTTP status is one of these. */
    static void status(HttpReply reply, int... allowed) {
        for (int status : allowed) {
            if (reply.status() == status) {
                return;
            }
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < allowed.length; i++) {
            expected.append(i == 0 ? "" : " or ").append(allowed[i]);
        }
        throw new AssertionError("expected HTTP " + expected + ", got " + reply);
    }

    /** The HTTP status, then the server ends the connection (no keep-alive, no hang). */
    static void statusThenEnd(WireSocket socket, HttpReply reply, int... allowed) {
        status(reply, allowed);
        if (!socket.awaitEnd(WireSocket.ANSWER)) {
            throw new AssertionError("HTTP " + reply.status() + " arrived, but the connection was still open "
                    + WireSocket.ANSWER.toSeconds() + " s later");
        }
    }

    /** Reads one answer to a request sent on {@code socket}; a hang or a silent close fails with what came. */
    static HttpReply answer(WireSocket socket) throws IOException {
        try {
            return socket.readHttpReply();
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("no HTTP answer within " + WireSocket.ANSWER.toSeconds() + " s (hang)");
        }
    }

    /** Sec-WebSocket-Accept for a key (RFC 6455 §4.2.2). */
    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A complete, valid 101: {@code Upgrade: websocket}, {@code Connection: Upgrade}, the right accept value, no
     * extension; then the connection echoes and closes cleanly.
     */
    static void upgraded(WireSocket ws, HttpReply reply, String key) throws IOException {
        if (reply.status() != 101) {
            throw new AssertionError("101 expected, got " + reply);
        }
        String upgrade = reply.header("upgrade");
        String connection = reply.header("connection");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            throw new AssertionError("101 without Upgrade: websocket: " + reply.head());
        }
        if (connection == null || !Set.of(connection.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("upgrade")) {
            throw new AssertionError("101 without Connection: Upgrade: " + reply.head());
        }
        if (!accept(key).equals(reply.header("sec-websocket-accept"))) {
            throw new AssertionError("Sec-WebSocket-Accept " + reply.header("sec-websocket-accept") + ", expected "
                    + accept(key));
        }
        if (reply.header("sec-websocket-extensions") != null) {
            throw new AssertionError("an extension was negotiated: " + reply.header("sec-websocket-extensions"));
        }
        stillEchoes(ws);
        ws.send(Frame.close(1000, ""));
        close(ws, 1000);
    }
}
