package io.switchboard.wire;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Area 2, the framing rules of RFC 6455 §5 (as Autobahn sections 1–5 and 7 check them): masking, RSV bits, opcodes,
 * control frames, fragmentation, length encodings, ping and pong, and the closing handshake with every class of
 * close code.
 */
class FramesWireTest extends EchoWireTable {
    @Override
    String area() {
        return "2-frames";
    }

    @Override
    List<WireCase> table() {
        return cases();
    }

    static List<WireCase> cases() {
        List<WireCase> cases = new ArrayList<>();
        // Masking (§5.1, §5.3).
        cases.add(closes("an unmasked text frame", "text 'hello' without a mask", 1002,
                Frame.text("hello").unmasked()));
        cases.add(closes("an unmasked binary frame", "binary [1 2 3] without a mask", 1002,
                Frame.binary(new byte[] {1, 2, 3}).unmasked()));
        cases.add(closes("an unmasked ping", "ping 'p' without a mask", 1002, Frame.ping(bytes("p")).unmasked()));
        cases.add(closes("an unmasked close", "close 1000 without a mask", 1002, Frame.close(1000, "").unmasked()));
        cases.add(echoes("a frame masked with an all-zero key", "text 'zero mask' masked with 00 00 00 00", "echo",
                Frame.TEXT, bytes("zero mask"), Frame.text("zero mask").mask(new byte[4])));

        // RSV bits without a negotiated extension (§5.2).
        for (int rsv : new int[] {4, 2, 1, 7}) {
            cases.add(closes("a text frame with RSV bits " + rsvName(rsv), "text 'x' with " + rsvName(rsv), 1002,
                    Frame.text("x").rsv(rsv)));
        }
        cases.add(closes("a ping with RSV1", "ping 'p' with RSV1", 1002, Frame.ping(bytes("p")).rsv(4)));
        cases.add(closes("a close with RSV1", "close 1000 with RSV1", 1002, Frame.close(1000, "").rsv(4)));
        cases.add(closes("a continuation with RSV1", "text 'a' (not final), continuation 'b' with RSV1", 1002,
                Frame.text("a").more(), Frame.cont("b").rsv(4)));

        // Reserved opcodes (§5.2).
        for (int op : new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}) {
            cases.add(closes("reserved opcode " + op, "a frame with opcode " + op + " and payload 'x'", 1002,
                    Frame.op(op).payload(bytes("x"))));
        }
        cases.add(closes("a reserved opcode inside a fragmented message", "text 'a' (not final), then opcode 3", 1002,
                Frame.text("a").more(), Frame.op(3).payload(bytes("b"))));

        // Control frames (§5.5): at most 125 bytes, never fragmented.
        cases.add(closes("a ping of 126 bytes", "ping with 126 bytes", 1002, Frame.ping(new byte[126])));
        cases.add(closes("a close of 126 bytes", "close 1000 with a 124-byte reason", 1002,
                Frame.close(1000, "r".repeat(124))));
        cases.add(closes("a ping of 125 bytes written with a 16-bit length", "ping, length 125 in 126+16 bits", 1002,
                Frame.ping(new byte[125]).length(Frame.Length.SIXTEEN_BIT)));
        cases.add(closes("a fragmented ping", "ping 'p' with FIN clear", 1002, Frame.ping(bytes("p")).more()));
        cases.add(closes("a fragmented close", "close 1000 with FIN clear", 1002, Frame.close(1000, "").more()));

        // Fragmentation (§5.4).
        cases.add(closes("a continuation without a started message", "continuation 'x', final", 1002,
                Frame.cont("x")));
        cases.add(closes("a continuation after a complete message", "text 'a' (final), continuation 'b'", 1002,
                Frame.text("a"), Frame.cont("b")));
        cases.add(closes("a new text frame while a fragmented message is open",
                "text 'a' (not final), text 'b' (final)", 1002, Frame.text("a").more(), Frame.text("b")));
        cases.add(closes("a binary frame while a fragmented text message is open",
                "text 'a' (not final), binary [1] (final)", 1002, Frame.text("a").more(),
                Frame.binary(new byte[] {1})));
        cases.add(echoes("a message in three fragments", "text 'Hel' (not final), 'lo, ' (not final), 'world'",
                "echo", Frame.TEXT, bytes("Hello, world"), Frame.text("Hel").more(), Frame.cont("lo, ").more(),
                Frame.cont("world")));
        cases.add(echoes("a fragmented message with an empty final fragment", "text 'abc' (not final), empty final",
                "echo", Frame.TEXT, bytes("abc"), Frame.text("abc").more(), Frame.cont(new byte[0])));
        cases.add(echoes("a fragmented binary message", "binary [1 2] (not final), continuation [3]", "bin",
                Frame.BINARY, new byte[] {1, 2, 3}, Frame.binary(new byte[] {1, 2}).more(),
                Frame.cont(new byte[] {3})));
        cases.add(new WireCase("a close between two fragments", "text 'a' (not final), close 1000",
                "close 1000 and no echo of the unfinished message", wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.text("a").more(), Frame.close(1000, ""));
                    WireSocket.Closed closed = ws.awaitClose();
                    if (closed.code() != 1000 || !closed.before().isEmpty()) {
                        throw new AssertionError(closed.toString());
                    }
                    if (!ws.awaitEnd(WireSocket.TCP_END)) {
                        throw new AssertionError("TCP did not end");
                    }
                }));

        // Ping and pong (§5.5.2, §5.5.3).
        for (int n : new int[] {0, 125}) {
            byte[] payload = pattern(n);
            cases.add(new WireCase("a ping of " + n + " bytes", "ping with " + n + " bytes",
                    "a pong with the identical " + n + " bytes", wire ->
                    Expect.frame(wire.ws("echo").send(Frame.ping(payload)), Frame.PONG, payload)));
        }
        cases.add(new WireCase("a ping between the fragments of a message",
                "text 'Hello, ' (not final), ping 'p', continuation 'world'", "pong 'p', then the echo 'Hello, world'",
                wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.text("Hello, ").more(), Frame.ping(bytes("p")),
                            Frame.cont("world"));
                    Expect.frame(ws, Frame.PONG, bytes("p"));
                    Expect.text(ws, "Hello, world");
                }));
        cases.add(new WireCase("a ping between the fragments of a binary message",
                "binary [1] (not final), ping 'p', continuation [2]", "pong 'p', then binary [1 2]", wire -> {
                    WireSocket ws = wire.ws("bin").send(Frame.binary(new byte[] {1}).more(), Frame.ping(bytes("p")),
                            Frame.cont(new byte[] {2}));
                    Expect.frame(ws, Frame.PONG, bytes("p"));
                    Expect.frame(ws, Frame.BINARY, new byte[] {1, 2});
                }));
        cases.add(new WireCase("an unsolicited pong", "pong 'unasked'", "nothing back; the connection still echoes",
                wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.pong(bytes("unasked")));
                    Expect.silence(ws, Duration.ofMillis(300));
                    Expect.stillEchoes(ws);
                }));
        cases.add(new WireCase("a pong between the fragments of a message",
                "text 'Hello, ' (not final), pong 'x', continuation 'world'", "only the echo 'Hello, world'",
                wire -> Expect.text(wire.ws("echo").send(Frame.text("Hello, ").more(), Frame.pong(bytes("x")),
                        Frame.cont("world")), "Hello, world")));

        // Length encodings (§5.2): the minimal one only, and the top bit of a 64-bit length clear.
        cases.add(closes("length 3 written in 16 bits", "text 'abc' with 126 + 00 03", 1002,
                Frame.text("abc").length(Frame.Length.SIXTEEN_BIT)));
        cases.add(closes("length 125 written in 64 bits", "125-byte text with 127 + 64-bit 125", 1002,
                Frame.text("a".repeat(125)).length(Frame.Length.SIXTY_FOUR_BIT)));
        cases.add(closes("length 126 written in 64 bits", "126-byte text with 127 + 64-bit 126", 1002,
                Frame.text("a".repeat(126)).length(Frame.Length.SIXTY_FOUR_BIT)));
        cases.add(headerOnly("a 64-bit length with the most significant bit set (RFC 6455 §5.2: MUST be 0)",
                "only a text header declaring 0x8000000000000000 bytes", 1002,
                Frame.text("").declaredLength(0x8000_0000_0000_0000L)));
        cases.add(headerOnly("the largest valid 64-bit length, 2^63 - 1", "only a text header declaring 2^63 - 1 bytes",
                1009, Frame.text("").declaredLength(Long.MAX_VALUE)));

        // Sizes around the 7-bit, 16-bit and 64-bit length boundaries.
        for (int n : new int[] {0, 125, 126}) {
            cases.add(echoes("a text frame of " + n + " bytes on a 4 KB-frame API", "text of " + n + " bytes", "echo",
                    Frame.TEXT, ascii(n), Frame.text(ascii(n))));
        }
        for (int n : new int[] {65535, 65536}) {
            cases.add(echoes("a text frame of " + n + " bytes (" + (n < 65536 ? "16" : "64") + "-bit length)",
                    "text of " + n + " bytes to the 80 KB-frame API", "bin", Frame.TEXT, ascii(n),
                    Frame.text(ascii(n))));
        }
        for (int n : new int[] {0, 126, 65536}) {
            cases.add(echoes("a binary frame of " + n + " bytes", "binary of " + n + " bytes to the 80 KB-frame API",
                    "bin", Frame.BINARY, pattern(n), Frame.binary(pattern(n))));
        }
        cases.add(new WireCase("a frame written one byte per TCP segment", "text 'slowly' byte by byte",
                "the echo 'slowly'", wire -> {
                    WireSocket ws = wire.ws("echo");
                    for (byte b : Frame.text("slowly").bytes()) {
                        ws.write(new byte[] {b});
                    }
                    Expect.text(ws, "slowly");
                }));
        cases.add(new WireCase("twenty messages in one TCP write", "text 'm0' … 'm19' in one write",
                "twenty echoes, in order", wire -> {
                    WireSocket ws = wire.ws("echo");
                    Frame[] all = new Frame[20];
                    for (int i = 0; i < 20; i++) {
                        all[i] = Frame.text("m" + i);
                    }
                    ws.send(all);
                    for (int i = 0; i < 20; i++) {
                        Expect.text(ws, "m" + i);
                    }
                }));

        // Close frames (§5.5.1, §7.4).
        cases.add(closes("a close frame with a 1-byte payload", "close with the single byte 03", 1002,
                Frame.op(Frame.CLOSE).payload(new byte[] {3})));
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535}) {
            cases.add(closes("the invalid close code " + code, "close " + code, 1002, Frame.close(code, "")));
        }
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 4999}) {
            cases.add(new WireCase("the valid close code " + code, "close " + code,
                    "close " + code + " echoed, then the end of TCP", wire -> {
                        WireSocket ws = wire.ws("echo").send(Frame.close(code, ""));
                        Expect.close(ws, code);
                    }));
        }
        cases.add(new WireCase("a close without a status code", "close with an empty payload",
                "a close frame (empty or 1000), then the end of TCP", wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.op(Frame.CLOSE));
                    WireSocket.Closed closed = ws.awaitClose();
                    if (closed.code() != 1005 && closed.code() != 1000) {
                        throw new AssertionError(closed.toString());
                    }
                    if (!ws.awaitEnd(WireSocket.TCP_END)) {
                        throw new AssertionError("TCP did not end");
                    }
                }));
        cases.add(new WireCase("a close with a UTF-8 reason", "close 1000 'κόσμε bye'", "close 1000, then the end of TCP",
                wire -> Expect.close(wire.ws("echo").send(Frame.close(1000, "κόσμε bye")), 1000)));
        cases.add(closes("a close reason that is not UTF-8 (RFC 6455 §8.1: 1007)", "close 1000 with reason ff fe",
                1007, Frame.close(1000, new byte[] {(byte) 0xff, (byte) 0xfe})));
        cases.add(closes("a close reason with a truncated UTF-8 sequence", "close 1000 with reason 'ok' e2 82",
                1007, Frame.close(1000, new byte[] {'o', 'k', (byte) 0xe2, (byte) 0x82})));
        cases.add(new WireCase("data after the client's close is ignored", "close 1000 and text 'after' in one write",
                "close 1000 and no echo, then the end of TCP", wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.close(1000, ""), Frame.text("after"),
                            Frame.ping(bytes("p")));
                    WireSocket.Closed closed = ws.awaitClose();
                    if (closed.code() != 1000 || !closed.before().isEmpty()) {
                        throw new AssertionError(closed.toString());
                    }
                    if (!ws.awaitEnd(WireSocket.TCP_END)) {
                        throw new AssertionError("TCP did not end");
                    }
                }));
        cases.add(new WireCase("a client close is answered at once and TCP ends at once",
                "close 1000, then nothing", "close 1000, then the end of TCP within 1 s", wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.close(1000, "bye"));
                    WireSocket.ServerFrame frame = ws.next();
                    if (frame.opcode() != Frame.CLOSE || frame.closeCode() != 1000) {
                        throw new AssertionError("got " + frame);
                    }
                    if (!ws.awaitEnd(Duration.ofSeconds(1))) {
                        throw new AssertionError("TCP still open 1 s after the close answer");
                    }
                }));
        cases.add(new WireCase("a client that answers nothing after the server's close",
                "binary [1] to a text-only API, then silence", "close 1003, then the end of TCP anyway", wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.binary(new byte[] {1}));
                    WireSocket.ServerFrame frame = ws.next();
                    if (frame.opcode() != Frame.CLOSE || frame.closeCode() != 1003) {
                        throw new AssertionError("got " + frame);
                    }
                    if (!ws.awaitEnd(WireSocket.TCP_END)) {
                        throw new AssertionError("TCP still open");
                    }
                }));

        // RFC 6455 §7.1.1: once close frames went both ways, the server MUST close TCP; it need not linger.
        cases.add(promptEnd("after close 1003 (binary to a text-only API)", 1003,
                Frame.binary(new byte[] {1})));
        cases.add(promptEnd("after close 1007 (invalid UTF-8 text)", 1007,
                Frame.text(new byte[] {(byte) 0xff})));
        cases.add(promptEnd("after close 1002 for an unmasked frame", 1002, Frame.text("x").unmasked()));
        cases.add(promptEnd("after close 1009 for an oversized frame", 1009, Frame.text(ascii(4097))));
        return cases;
    }

    /** Frames that must make the gateway fail the connection with {@code code} ("close X": then TCP ends). */
    static WireCase closes(String name, String sends, int code, Frame... frames) {
        return new WireCase(name, sends, "close " + code, wire -> Expect.close(wire.ws("echo").send(frames), code));
    }

    /** Frames that form one message, which must come back as exactly {@code payload}. */
    static WireCase echoes(String name, String sends, String stage, int opcode, byte[] payload, Frame... frames) {
        return new WireCase(name, sends, "echoed byte for byte", wire -> {
            WireSocket ws = wire.ws(stage).send(frames);
            Expect.frame(ws, opcode, payload);
        });
    }

    /** Only the header of a frame: the gateway must decide from it alone, without waiting for the payload. */
    static WireCase headerOnly(String name, String sends, int code, Frame frame) {
        return new WireCase(name, sends, "close " + code + " without the payload being sent", wire -> {
            WireSocket ws = wire.ws("echo").write(frame.header());
            Expect.close(ws, code);
        });
    }

    /** The client answers the gateway's close at once: TCP must end within a second, not after a linger. */
    private static WireCase promptEnd(String when, int code, Frame frame) {
        return new WireCase("the gateway ends TCP once the client answers its close, " + when,
                "the offending frame; the close answered at once", "close " + code + ", then the end of TCP within 1 s",
                wire -> {
                    WireSocket ws = wire.ws("echo").send(frame);
                    WireSocket.Closed closed = ws.awaitClose(); // answers the close
                    if (closed.code() != code) {
                        throw new AssertionError(closed.toString());
                    }
                    long start = System.nanoTime();
                    if (!ws.awaitEnd(WireSocket.TCP_END)) {
                        throw new AssertionError("TCP did not end at all");
                    }
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    if (ms > 1000) {
                        throw new AssertionError("TCP ended " + ms + " ms after the client's close answer");
                    }
                });
    }

    private static String rsvName(int rsv) {
        List<String> names = new ArrayList<>();
        if ((rsv & 4) != 0) {
            names.add("RSV1");
        }
        if ((rsv & 2) != 0) {
            names.add("RSV2");
        }
        if ((rsv & 1) != 0) {
            names.add("RSV3");
        }
        return String.join("+", names);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** n printable ASCII bytes, not all the same. */
    static byte[] ascii(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) ('a' + i % 26);
        }
        return out;
    }

    /** n bytes of every value 0–255 in turn. */
    static byte[] pattern(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (i * 7 + 3);
        }
        return out;
    }
}
