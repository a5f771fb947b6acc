package io.switchboard.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Area 4, the frame and message limits at and around each boundary: small explicit ones (4 KB frames, 16 KB
 * messages), AWS's defaults (32 KB, 128 KB) and a binary API (80 KB, 160 KB). Exactly at a limit passes; one byte
 * over closes with 1009, a frame decided from its header alone and a message as soon as the crossing fragment
 * arrives. Binary frames to a text-only API close with 1003.
 */
class LimitsWireTest extends EchoWireTable {
    @Override
    String area() {
        return "4-limits";
    }

    @Override
    List<WireCase> table() {
        return cases();
    }

    static List<WireCase> cases() {
        List<WireCase> cases = new ArrayList<>();
        // echo: frame-bytes 4 KB, message-bytes 16 KB.
        cases.add(FramesWireTest.echoes("a text frame of exactly frame-bytes (4096)", "one text frame of 4096 bytes",
                "echo", Frame.TEXT, ascii(4096), Frame.text(ascii(4096))));
        cases.add(FramesWireTest.headerOnly("a text frame of frame-bytes + 1, decided from its header",
                "only the header of a 4097-byte text frame", 1009, Frame.text(ascii(4097))));
        cases.add(FramesWireTest.closes("a text frame of frame-bytes + 1, sent whole", "one text frame of 4097 bytes",
                1009, Frame.text(ascii(4097))));
        cases.add(new WireCase("a continuation of frame-bytes + 1, decided from its header",
                "text 'a' (not final), then only the header of a 4097-byte continuation",
                "close 1009 without the payload being sent", wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.text("a").more());
                    ws.write(Frame.cont(ascii(4097)).header());
                    Expect.close(ws, 1009);
                }));
        cases.add(fragmented("a message of exactly message-bytes in 4 fragments", "echo", 4096, 4096, 4096, 4096));
        cases.add(tooBig("a message of message-bytes + 1 (the final fragment crosses)", "echo", true,
                4096, 4096, 4096, 4096, 1));
        cases.add(tooBig("a message crossing message-bytes in a fragment that is not the last", "echo", false,
                4096, 4096, 4096, 4096, 1));
        cases.add(tooBig("a message crossing message-bytes in the middle of a full-size fragment", "echo", false,
                4096, 4096, 4096, 4000, 4096));
        cases.add(new WireCase("pings inside a message do not count towards message-bytes",
                "4 × 4096 bytes in fragments, a 125-byte ping between each", "4 pongs, then the 16384-byte echo",
                wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.text(ascii(4096)).more(), Frame.ping(new byte[125]),
                            Frame.cont(ascii(4096)).more(), Frame.ping(new byte[125]), Frame.cont(ascii(4096)).more(),
                            Frame.ping(new byte[125]), Frame.cont(ascii(4096)), Frame.ping(new byte[125]));
                    for (int i = 0; i < 3; i++) {
                        Expect.frame(ws, Frame.PONG, new byte[125]);
                    }
                    byte[] whole = concat(ascii(4096), ascii(4096), ascii(4096), ascii(4096));
                    WireSocket.ServerFrame a = ws.next();
                    WireSocket.ServerFrame b = ws.next();
                    WireSocket.ServerFrame echo = a.opcode() == Frame.TEXT ? a : b;
                    WireSocket.ServerFrame pong = a.opcode() == Frame.TEXT ? b : a;
                    if (pong.opcode() != Frame.PONG || echo.opcode() != Frame.TEXT
                            || !java.util.Arrays.equals(echo.payload(), whole)) {
                        throw new AssertionError("got " + a + " and " + b);
                    }
                }));
        cases.add(new WireCase("the message limit counts each message afresh",
                "two 16384-byte messages in 4 fragments each", "both echoed", wire -> {
                    WireSocket ws = wire.ws("echo");
                    for (int round = 0; round < 2; round++) {
                        ws.send(Frame.text(ascii(4096)).more(), Frame.cont(ascii(4096)).more(),
                                Frame.cont(ascii(4096)).more(), Frame.cont(ascii(4096)));
                        Expect.text(ws, concat(ascii(4096), ascii(4096), ascii(4096), ascii(4096)));
                    }
                }));
        cases.add(new WireCase("many empty continuation frames", "text 'a' (not final), 10,000 empty continuations, "
                + "continuation 'b'", "the echo 'ab'; the connection stays usable", wire -> {
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    all.writeBytes(Frame.text("a").more().bytes());
                    for (int i = 0; i < 10_000; i++) {
                        all.writeBytes(Frame.cont(new byte[0]).more().bytes());
                    }
                    all.writeBytes(Frame.cont("b").bytes());
                    WireSocket ws = wire.ws("echo").write(all.toByteArray());
                    Expect.text(ws, "ab");
                    Expect.stillEchoes(ws);
                }));
        cases.add(FramesWireTest.echoes("an empty text message", "one empty text frame", "echo", Frame.TEXT,
                new byte[0], Frame.text("")));
        cases.add(FramesWireTest.closes("a binary frame to a text-only API", "binary [1 2 3] to /echo", 1003,
                Frame.binary(new byte[] {1, 2, 3})));
        cases.add(FramesWireTest.closes("the first fragment of a binary message to a text-only API",
                "binary [1] (not final) to /echo", 1003, Frame.binary(new byte[] {1}).more()));

        // aws: AWS's defaults, 32 KB frames and 128 KB messages.
        cases.add(echoesOn("aws", "a text frame of exactly AWS's 32 KB", Frame.text(ascii(32768)), ascii(32768)));
        cases.add(new WireCase("a text frame of 32 KB + 1 on AWS's defaults, decided from its header",
                "only the header of a 32769-byte text frame to /aws", "close 1009 without the payload being sent",
                wire -> Expect.close(wire.ws("aws").write(Frame.text(ascii(32769)).header()), 1009)));
        cases.add(fragmented("a message of exactly AWS's 128 KB in 4 fragments", "aws", 32768, 32768, 32768, 32768));
        cases.add(tooBig("a message of AWS's 128 KB + 1, crossing in a fragment that is not the last", "aws", false,
                32768, 32768, 32768, 32768, 1));
        cases.add(new WireCase("2,000 fragments of 100 bytes over AWS's 128 KB message limit",
                "text 100 B (not final), 1,998 continuations of 100 B, a final one: 200,000 B in all",
                "close 1009 (fragment 1,311 crosses 131,072 B)", wire -> {
                    WireSocket ws = wire.ws("aws");
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    for (int i = 0; i < 2000; i++) {
                        all.writeBytes((i == 0 ? Frame.text(ascii(100)) : Frame.cont(ascii(100))).fin(i == 1999)
                                .bytes());
                    }
                    ws.writeQuietly(all.toByteArray());
                    Expect.close(ws, 1009);
                }));

        // bin: accepts binary, 80 KB frames, 160 KB messages.
        cases.add(echoesOn("bin", "a binary frame of exactly 80 KB", Frame.binary(FramesWireTest.pattern(81920)),
                FramesWireTest.pattern(81920)));
        cases.add(new WireCase("a binary frame of 80 KB + 1, decided from its header",
                "only the header of an 81921-byte binary frame to /bin", "close 1009 without the payload being sent",
                wire -> Expect.close(wire.ws("bin").write(Frame.binary(new byte[81921]).header()), 1009)));
        cases.add(new WireCase("a binary message of exactly 160 KB in 2 fragments",
                "binary 81920 B (not final), continuation 81920 B to /bin", "echoed byte for byte as binary",
                wire -> {
                    byte[] half = FramesWireTest.pattern(81920);
                    WireSocket ws = wire.ws("bin").send(Frame.binary(half).more(), Frame.cont(half));
                    Expect.frame(ws, Frame.BINARY, concat(half, half));
                }));
        cases.add(new WireCase("a binary message of 160 KB + 1", "binary 81920 B, 81920 B, 1 B (final) to /bin",
                "close 1009", wire -> {
                    byte[] half = FramesWireTest.pattern(81920);
                    WireSocket ws = wire.ws("bin");
                    ws.send(Frame.binary(half).more(), Frame.cont(half).more());
                    ws.writeQuietly(Frame.cont(new byte[1]).bytes());
                    Expect.close(ws, 1009);
                }));
        return cases;
    }

    /** A text message in fragments of these sizes that adds up to no more than the limit: echoed whole. */
    private static WireCase fragmented(String name, String stage, int... sizes) {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        Frame[] frames = new Frame[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            byte[] part = ascii(sizes[i]);
            whole.writeBytes(part);
            frames[i] = (i == 0 ? Frame.text(part) : Frame.cont(part)).fin(i == sizes.length - 1);
        }
        return new WireCase(name, sizes.length + " text fragments of " + describe(sizes) + " bytes to /" + stage,
                "the " + whole.size() + "-byte message echoed", wire ->
                Expect.text(wire.ws(stage).send(frames), whole.toByteArray()));
    }

    /**
     * A text message over the limit; with {@code finished} false the last fragment sent is not final, so the close
     * must come without the message ending.
     */
    private static WireCase tooBig(String name, String stage, boolean finished, int... sizes) {
        Frame[] frames = new Frame[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            byte[] part = ascii(sizes[i]);
            frames[i] = (i == 0 ? Frame.text(part) : Frame.cont(part)).fin(finished && i == sizes.length - 1);
        }
        return new WireCase(name, sizes.length + " text fragments of " + describe(sizes) + " bytes to /" + stage
                + (finished ? "" : ", the last one not final"), "close 1009", wire -> {
                    WireSocket ws = wire.ws(stage);
                    for (Frame f : frames) {
                        ws.writeQuietly(f.bytes());
                    }
                    Expect.close(ws, 1009);
                });
    }

    private static WireCase echoesOn(String stage, String name, Frame frame, byte[] payload) {
        return FramesWireTest.echoes(name, "one frame of " + payload.length + " bytes to /" + stage, stage,
                payload.length > 0 && frame.bytes()[0] == (byte) 0x82 ? Frame.BINARY : Frame.TEXT, payload, frame);
    }

    private static String describe(int... sizes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            out.append(i == 0 ? "" : " + ").append(sizes[i]);
        }
        return out.toString();
    }

    private static byte[] ascii(int n) {
        return FramesWireTest.ascii(n);
    }

    private static byte[] concat(byte[]... parts) {
        return HandshakeWireTest.concat(parts);
    }
}
