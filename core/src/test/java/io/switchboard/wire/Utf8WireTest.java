package io.switchboard.wire;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Area 3, UTF-8 in text messages (RFC 6455 §8.1, Autobahn section 6): invalid sequences close with 1007, in one
 * frame or split over fragments, and as soon as the bad fragment arrives (fail fast); valid edge cases come back
 * byte for byte.
 */
class Utf8WireTest extends EchoWireTable {
    private static final HexFormat HEX = HexFormat.of();

    @Override
    String area() {
        return "3-utf8";
    }

    @Override
    List<WireCase> table() {
        return cases();
    }

    static List<WireCase> cases() {
        List<WireCase> cases = new ArrayList<>();
        String[][] invalid = {
            {"a lone continuation byte", "80"},
            {"an overlong 2-byte NUL", "c080"},
            {"an overlong 2-byte sequence with lead C1", "c1bf"},
            {"an overlong 3-byte sequence", "e08080"},
            {"an overlong 4-byte sequence", "f0808080"},
            {"the surrogate U+D800", "eda080"},
            {"the surrogate U+DFFF", "edbfbf"},
            {"a surrogate pair encoded as two 3-byte sequences", "eda080edb080"},
            {"U+110000, above U+10FFFF", "f4908080"},
            {"a 5-byte sequence", "f888808080"},
            {"a 6-byte sequence", "fc8480808080"},
            {"the byte FE", "fe"},
            {"the byte FF", "ff"},
            {"a truncated 2-byte sequence at the end", "6162c2"},
            {"a truncated 3-byte sequence at the end", "6162e282"},
            {"a truncated 4-byte sequence at the end", "6162f09f98"},
            {"a surrogate inside valid text (Autobahn 6.3.1)", "cebae1bdb9cf83cebcceb5eda080656469746564"},
        };
        for (String[] c : invalid) {
            cases.add(FramesWireTest.closes("invalid UTF-8: " + c[0], "text frame " + c[1], 1007,
                    Frame.text(HEX.parseHex(c[1]))));
        }
        cases.add(FramesWireTest.closes("invalid UTF-8 at the end of a 4000-byte frame", "3999 × 'a', then ff", 1007,
                Frame.text(withLast(FramesWireTest.ascii(4000), (byte) 0xff))));

        // Split across fragments.
        cases.add(split("invalid UTF-8 in the second fragment", "1007", 1007, "61", "ff"));
        cases.add(split("a 3-byte sequence broken across fragments", "1007", 1007, "61e282", "28"));
        cases.add(split("a surrogate split across fragments", "1007", 1007, "ed", "a080"));
        cases.add(split("a message ending inside a code point in its last fragment", "1007", 1007, "6162", "c2"));

        // Fail fast: the 1007 comes after the bad fragment, while the message is still unfinished.
        cases.add(failFast("a first fragment with a surrogate (Autobahn 6.4.1)",
                "cebae1bdb9cf83cebcceb5eda080656469746564"));
        cases.add(failFast("a first fragment ending in F4 90, which no continuation can make valid (Autobahn 6.4.2)",
                "cebae1bdb9cf83cebcceb5f490"));
        cases.add(new WireCase("fail fast: invalid UTF-8 in a middle fragment",
                "text 'ab' (not final), continuation 80 (not final), and no more",
                "close 1007 before the message ends", wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.text("ab").more(),
                            Frame.cont(new byte[] {(byte) 0x80}).more());
                    Expect.close(ws, 1007);
                }));

        // Valid edge cases: echoed byte for byte.
        String[][] valid = {
            {"U+0000", "00"}, {"U+0080", "c280"}, {"U+07FF", "dfbf"}, {"U+0800", "e0a080"},
            {"U+FFFE (a noncharacter)", "efbfbe"},
            {"U+FFFF", "efbfbf"}, {"U+10000", "f0908080"}, {"U+10FFFF", "f48fbfbf"},
            {"a byte order mark", "efbbbf"}, {"Greek κόσμε", "cebae1bdb9cf83cebcceb5"},
            {"every boundary in one message", "007fc280dfbfe0a080ed9fbfee8080efbfbff0908080f48fbfbf"},
        };
        for (String[] c : valid) {
            byte[] bytes = HEX.parseHex(c[1]);
            cases.add(FramesWireTest.echoes("valid UTF-8: " + c[0], "text frame " + c[1], "echo", Frame.TEXT, bytes,
                    Frame.text(bytes)));
        }
        cases.add(split("a 2-byte code point split across fragments", "echoed byte for byte", -1, "61c2", "80"));
        cases.add(split("a 3-byte code point split after its second byte", "echoed byte for byte", -1, "e282", "ac"));
        cases.add(split("a 4-byte code point in four one-byte fragments", "echoed byte for byte", -1,
                "f4", "8f", "bf", "bf"));
        cases.add(new WireCase("a code point split across fragments with a ping between",
                "text 'a' e2 82 (not final), ping, continuation ac", "pong, then 'a€' byte for byte", wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.text(HEX.parseHex("61e282")).more(),
                            Frame.ping(new byte[] {1}), Frame.cont(HEX.parseHex("ac")));
                    Expect.frame(ws, Frame.PONG, new byte[] {1});
                    Expect.text(ws, HEX.parseHex("61e282ac"));
                }));
        cases.add(FramesWireTest.echoes("bytes that are not UTF-8 in a binary message are not checked",
                "binary frame ff fe ed a0 80 c0 80 to the binary API", "bin", Frame.BINARY,
                HEX.parseHex("fffeeda080c080"), Frame.binary(HEX.parseHex("fffeeda080c080"))));
        return cases;
    }

    /**
     * A text message in fragments (hex each): with {@code code} ≥ 0 it must close with that code, else it must come
     * back as the concatenation.
     */
    private static WireCase split(String name, String expects, int code, String... fragments) {
        Frame[] frames = new Frame[fragments.length];
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < fragments.length; i++) {
            byte[] part = HEX.parseHex(fragments[i]);
            frames[i] = (i == 0 ? Frame.text(part) : Frame.cont(part)).fin(i == fragments.length - 1);
            all.append(fragments[i]);
        }
        String sends = "text fragments " + String.join(" | ", fragments);
        if (code >= 0) {
            return new WireCase(name, sends, "close " + code, wire -> Expect.close(wire.ws("echo").send(frames), code));
        }
        byte[] whole = HEX.parseHex(all.toString());
        return new WireCase(name, sends, expects, wire -> Expect.text(wire.ws("echo").send(frames), whole));
    }

    /** Only a first, non-final fragment with invalid UTF-8: the close must come without the rest of the message. */
    private static WireCase failFast(String name, String hex) {
        return new WireCase("fail fast: " + name, "text fragment " + hex + " (not final), and no more",
                "close 1007 before the message ends", wire -> {
                    WireSocket ws = wire.ws("echo").send(Frame.text(HEX.parseHex(hex)).more());
                    Expect.close(ws, 1007);
                });
    }

    private static byte[] withLast(byte[] bytes, byte last) {
        bytes[bytes.length - 1] = last;
        return bytes;
    }
}
