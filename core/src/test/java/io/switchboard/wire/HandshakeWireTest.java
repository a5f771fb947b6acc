package io.switchboard.wire;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Area 1, the opening handshake as raw HTTP: RFC 6455 §4, RFC 9110/9112 request rules, the gateway's Origin check,
 * its HTTP limits (414, 431) and its handshake timeout.
 */
class HandshakeWireTest extends EchoWireTable {
    @Override
    String area() {
        return "1-handshake";
    }

    @Override
    List<WireCase> table() {
        return cases();
    }

    static List<WireCase> cases() {
        List<WireCase> cases = new ArrayList<>();
        // Valid upgrades and their harmless variants: 101 with the right accept value, then a working connection.
        cases.add(new WireCase("the RFC 6455 sample key dGhlIHNhbXBsZSBub25jZQ== is accepted with its known answer",
                "a valid upgrade of /echo with the sample key", "101, Sec-WebSocket-Accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                wire -> {
                    String key = "dGhlIHNhbXBsZSBub25jZQ==";
                    WireSocket s = wire.tcp().write(Req.upgrade("/echo", wire.port(), key).text());
                    HttpReply reply = s.readHttpHead();
                    if (!"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".equals(reply.header("sec-websocket-accept"))) {
                        throw new AssertionError("got " + reply.head());
                    }
                    Expect.upgraded(s, reply, key);
                }));
        cases.add(accepted("a minimal valid upgrade", "GET /echo with Host, Upgrade, Connection, key, version 13",
                r -> r));
        cases.add(accepted("header names in lower case", "every header name lower-cased",
                r -> r.names(n -> n.toLowerCase(Locale.ROOT))));
        cases.add(accepted("spaces and tabs around header values", "'Name: \\t  value  \\t' for every header",
                Req::loose));
        cases.add(accepted("no space after the colon", "'Name:value' for every header", Req::tight));
        cases.add(accepted("Connection: keep-alive, Upgrade", "Connection: keep-alive, Upgrade",
                r -> r.set("Connection", "keep-alive, Upgrade")));
        cases.add(accepted("Upgrade: WebSocket in mixed case", "Upgrade: WebSocket",
                r -> r.set("Upgrade", "WebSocket")));
        cases.add(accepted("the stage path with a trailing slash", "GET /echo/", r -> r.target("/echo/")));
        cases.add(accepted("Sec-WebSocket-Extensions: permessage-deflate is not negotiated",
                "Sec-WebSocket-Extensions: permessage-deflate", r -> r.header("Sec-WebSocket-Extensions",
                        "permessage-deflate")));
        cases.add(new WireCase("an offered subprotocol that no $connect chose is not echoed",
                "Sec-WebSocket-Protocol: chat, superchat", "101 without Sec-WebSocket-Protocol", wire -> {
                    String key = WireSocket.newKey();
                    WireSocket s = wire.tcp().write(Req.upgrade("/echo", wire.port(), key)
                            .header("Sec-WebSocket-Protocol", "chat, superchat").text());
                    HttpReply reply = s.readHttpHead();
                    if (reply.header("sec-websocket-protocol") != null) {
                        throw new AssertionError("a subprotocol was chosen: " + reply.head());
                    }
                    Expect.upgraded(s, reply, key);
                }));
        cases.add(accepted("an allowed Origin", "Origin: https://app.example.com",
                r -> r.header("Origin", "https://app.example.com")));
        cases.add(accepted("an allowed Origin in upper case with its default port",
                "Origin: HTTPS://APP.EXAMPLE.COM:443", r -> r.header("Origin", "HTTPS://APP.EXAMPLE.COM:443")));
        cases.add(new WireCase("RSV1 (a compressed frame) after permessage-deflate was offered and not negotiated",
                "upgrade offering permessage-deflate, then a text frame with RSV1 set", "close 1002", wire -> {
                    WireSocket s = wire.tcp().write(Req.upgrade("/echo", wire.port(), WireSocket.newKey())
                            .header("Sec-WebSocket-Extensions", "permessage-deflate").text());
                    Expect.status(s.readHttpHead(), 101);
                    s.send(Frame.text(new byte[] {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0})
                            .rsv(4));
                    Expect.close(s, 1002);
                }));

        // Requests that are not valid upgrades: 400, and the connection closed.
        cases.add(refused("a POST upgrade", "POST /echo with upgrade headers", 400, r -> r.method("POST")));
        cases.add(refused("an HTTP/1.0 upgrade (RFC 6455 §4.1 needs HTTP/1.1)", "GET /echo HTTP/1.0 with upgrade headers",
                400, r -> r.version("HTTP/1.0")));
        cases.add(refused("an upgrade without Host (RFC 9112 §3.2)", "no Host header", 400, r -> r.without("Host")));
        cases.add(refused("an upgrade with two Host headers (RFC 9112 §3.2)", "Host: 127.0.0.1 twice", 400,
                r -> r.header("Host", "127.0.0.1")));
        cases.add(refused("an upgrade with an invalid Host value (RFC 9112 §3.2)", "Host: a b@c", 400,
                r -> r.set("Host", "a b@c")));
        cases.add(refused("Sec-WebSocket-Key missing", "no Sec-WebSocket-Key", 400,
                r -> r.without("Sec-WebSocket-Key")));
        cases.add(refused("Sec-WebSocket-Key empty", "Sec-WebSocket-Key: (empty)", 400,
                r -> r.set("Sec-WebSocket-Key", "")));
        cases.add(refused("Sec-WebSocket-Key not base64", "Sec-WebSocket-Key: not base64 at all!", 400,
                r -> r.set("Sec-WebSocket-Key", "not base64 at all!")));
        cases.add(refused("Sec-WebSocket-Key of 15 bytes (RFC 6455 §4.1 needs 16)", "base64 of 15 random bytes", 400,
                r -> r.set("Sec-WebSocket-Key", base64Of(15))));
        cases.add(refused("two Sec-WebSocket-Key headers (RFC 6455 §11.3.1: at most once)",
                "Sec-WebSocket-Key twice, both valid", 400, r -> r.header("Sec-WebSocket-Key", WireSocket.newKey())));
        for (String[] version : new String[][] {{"missing", null}, {"8", "8"}, {"14", "14"},
                {"garbage", "garbage"}}) {
            cases.add(wrongVersion(version[0], version[1]));
        }
        cases.add(new WireCase("the 426 for a wrong version names the protocol in Upgrade (RFC 9110 §15.5.22)",
                "Sec-WebSocket-Version: 8", "426 with Upgrade: websocket and Sec-WebSocket-Version: 13", wire -> {
                    WireSocket s = wire.tcp().write(Req.upgrade("/echo", wire.port(), WireSocket.newKey())
                            .set("Sec-WebSocket-Version", "8").text());
                    HttpReply reply = Expect.answer(s);
                    Expect.status(reply, 426);
                    if (reply.header("upgrade") == null || !reply.header("upgrade").equalsIgnoreCase("websocket")) {
                        throw new AssertionError("no Upgrade: websocket in " + reply.head());
                    }
                }));
        cases.add(refused("Connection header missing", "no Connection header", 400, r -> r.without("Connection")));
        cases.add(refused("Connection without the Upgrade token", "Connection: keep-alive", 400,
                r -> r.set("Connection", "keep-alive")));
        cases.add(status("an Upgrade header naming another protocol on a stage", "Upgrade: h2c, Connection: Upgrade",
                426, r -> r.set("Upgrade", "h2c")));
        cases.add(new WireCase("a plain GET of a stage", "GET /echo without upgrade headers",
                "426 with Upgrade: websocket", wire -> {
                    HttpReply reply = Expect.answer(wire.tcp().write(Req.get("/echo", wire.port()).text()));
                    Expect.status(reply, 426);
                    if (reply.header("upgrade") == null || !reply.header("upgrade").equalsIgnoreCase("websocket")) {
                        throw new AssertionError("no Upgrade: websocket in " + reply.head());
                    }
                }));
        cases.add(status("an upgrade of an unknown stage", "GET /nosuchstage with upgrade headers", 404,
                r -> r.target("/nosuchstage")));
        cases.add(new WireCase("a plain GET of an unknown stage", "GET /nosuchstage", "404", wire ->
                Expect.status(Expect.answer(wire.tcp().write(Req.get("/nosuchstage", wire.port()).text())), 404)));

        // Bad percent-escapes anywhere in the target: 400 and the connection closed, with and without upgrade headers.
        for (String target : new String[] {"/echo?x=%zz", "/%zz", "/echo/%", "/echo?%zz=1", "/echo?x=%",
                "/echo?x=%0", "/echo?x=%C0%AF"}) {
            cases.add(refused("a bad percent-escape in " + target + " with upgrade headers",
                    "GET " + target + " with valid upgrade headers", 400, r -> r.target(target)));
            cases.add(new WireCase("a bad percent-escape in " + target + " without upgrade headers",
                    "GET " + target + " (plain)", "400, then the connection closed", wire -> {
                        WireSocket s = wire.tcp().write(Req.get(target, wire.port()).text());
                        Expect.statusThenEnd(s, Expect.answer(s), 400);
                    }));
        }

        // HTTP limits (max-initial-line 1 KB, max-header-size 2 KB).
        cases.add(refused("a request line over max-initial-line, upgrading", "GET /echo?x=<1100 a> with upgrade headers",
                414, r -> r.target("/echo?x=" + "a".repeat(1100))));
        cases.add(new WireCase("a request line over max-initial-line, plain", "GET /echo?x=<1100 a>",
                "414, then the connection closed", wire -> {
                    WireSocket s = wire.tcp().write(Req.get("/echo?x=" + "a".repeat(1100), wire.port()).text());
                    Expect.statusThenEnd(s, Expect.answer(s), 414);
                }));
        cases.add(refused("one header larger than max-header-size", "X-Big: <2100 b> with upgrade headers", 431,
                r -> r.header("X-Big", "b".repeat(2100))));
        cases.add(new WireCase("a header block over max-header-size on a plain request", "GET /healthz with X-Big: <2100 b>",
                "431, then the connection closed", wire -> {
                    WireSocket s = wire.tcp().write(Req.get("/healthz", wire.port()).header("X-Big", "b".repeat(2100))
                            .text());
                    Expect.statusThenEnd(s, Expect.answer(s), 431);
                }));

        // Origins that server.allowed-origins does not list: 403 before any upgrade.
        for (String origin : new String[] {"https://evil.example", "https://app.example.com.evil.com",
                "http://app.example.com", "https://app.example.com:8443", "null"}) {
            cases.add(refused("a browser Origin that is not allowed: " + origin, "Origin: " + origin, 403,
                    r -> r.header("Origin", origin)));
        }

        // Not HTTP at all: 400 or closed, never a hang.
        cases.add(garbage("random bytes instead of HTTP", "64 random bytes", randomBytes(64, 1)));
        cases.add(garbage("a TLS ClientHello on the plain port", "16 03 01 00 a5 01 00 00 a1 03 03 …",
                tlsHello()));
        cases.add(garbage("a line that is not a request line", "HELLO WORLD\\r\\n\\r\\n",
                "HELLO WORLD\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        cases.add(garbage("3000 bytes without a line end", "3000 × 'x', no line end",
                "x".repeat(3000).getBytes(StandardCharsets.ISO_8859_1), 400, 414));

        // NUL, CR and LF where they do not belong (RFC 9110 §5.5, RFC 9112 §2.2, §5.1, §5.2).
        cases.add(injected("a NUL inside a header value", "X-Test: a\\0b", "X-Test: a\0b"));
        cases.add(injected("a bare CR inside a header value", "X-Test: a\\rInjected: b", "X-Test: a\rInjected: b"));
        cases.add(injected("an obs-fold continuation line", "X-Test: a\\r\\n folded", "X-Test: a\r\n folded"));
        cases.add(refused("a NUL inside a header name", "X-Te\\0st: a", 400, r -> r.line("X-Te\0st: a")));
        cases.add(refused("whitespace between a header name and its colon (RFC 9112 §5.1)", "Upgrade : websocket", 400,
                r -> r.without("Upgrade").line("Upgrade : websocket")));
        cases.add(refused("a raw NUL byte in the request target", "GET /ec\\0ho", 400, r -> r.target("/ec\0ho")));
        cases.add(new WireCase("bare LF line endings (RFC 9112 §2.2 lets a server accept them)",
                "a valid upgrade with \\n instead of \\r\\n", "101 or 400, never a hang", wire -> {
                    String key = WireSocket.newKey();
                    WireSocket s = wire.tcp().write(Req.upgrade("/echo", wire.port(), key).eol("\n").text());
                    HttpReply reply = Expect.answer(s);
                    if (reply.status() == 101) {
                        Expect.upgraded(s, reply, key);
                    } else {
                        Expect.statusThenEnd(s, reply, 400);
                    }
                }));
        cases.add(new WireCase("GET /healthz without Host (RFC 9112 §3.2)", "GET /healthz HTTP/1.1 without Host",
                "400", wire -> {
                    WireSocket s = wire.tcp().write("GET /healthz HTTP/1.1\r\n\r\n");
                    Expect.status(Expect.answer(s), 400);
                }));
        cases.add(new WireCase("GET /healthz with two Host headers (RFC 9112 §3.2)", "Host twice", "400", wire -> {
            WireSocket s = wire.tcp().write("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
            Expect.status(Expect.answer(s), 400);
        }));

        // The handshake timeout (500 ms here).
        cases.add(timedOut("a client that connects and sends nothing", "nothing", ""));
        cases.add(timedOut("a request that stops after the request line", "GET /echo HTTP/1.1\\r\\n",
                "GET /echo HTTP/1.1\r\n"));
        cases.add(timedOut("an upgrade request without its final blank line",
                "a valid upgrade request, all but the last \\r\\n", null));
        cases.add(new WireCase("a client dripping one header byte every 100 ms (slowloris)",
                "an endless header value, one byte per 100 ms", "closed by the handshake timeout, within 3 s",
                wire -> {
                    WireSocket s = wire.tcp().write("GET /echo HTTP/1.1\r\nX-Slow: ");
                    long start = System.nanoTime();
                    while (System.nanoTime() - start < Duration.ofSeconds(3).toNanos()) {
                        if (!s.writeQuietly(new byte[] {'a'}) || s.awaitEnd(Duration.ofMillis(100))) {
                            return;
                        }
                    }
                    throw new AssertionError("still open after 3 s of dripping");
                }));
        cases.add(new WireCase("an idle kept-alive connection after a complete request",
                "GET /healthz (keep-alive), then nothing", "200, then closed by the handshake timeout", wire -> {
                    WireSocket s = wire.tcp().write(Req.get("/healthz", wire.port()).text());
                    Expect.status(Expect.answer(s), 200);
                    long start = System.nanoTime();
                    if (!s.awaitEnd(Duration.ofSeconds(4))) {
                        throw new AssertionError("the idle connection was still open 4 s later");
                    }
                    if (System.nanoTime() - start < Duration.ofMillis(300).toNanos()) {
                        throw new AssertionError("closed at once, not by the timeout");
                    }
                }));
        cases.add(new WireCase("an open WebSocket connection is not cut by the handshake timeout",
                "a valid upgrade, 1 s of silence, then a text frame", "no close; the echo", wire -> {
                    WireSocket ws = wire.ws("echo");
                    Expect.silence(ws, Duration.ofSeconds(1));
                    Expect.stillEchoes(ws);
                }));

        // The upgrade and the first frames in one TCP segment.
        cases.add(new WireCase("frames in the same TCP packet as the upgrade request",
                "upgrade + text frame 'early bird' in one write", "101, then the echo 'early bird'", wire -> {
                    WireSocket s = wire.tcp();
                    s.write(concat(WireSocket.upgradeRequest("/echo", wire.port(), WireSocket.newKey())
                            .getBytes(StandardCharsets.ISO_8859_1), Frame.text("early bird").bytes()));
                    Expect.status(s.readHttpHead(), 101);
                    Expect.text(s, "early bird");
                }));
        cases.add(new WireCase("a close in the same TCP packet as the upgrade request",
                "upgrade + close 1000 in one write", "101, then close 1000 and the end of TCP", wire -> {
                    WireSocket s = wire.tcp();
                    s.write(concat(WireSocket.upgradeRequest("/echo", wire.port(), WireSocket.newKey())
                            .getBytes(StandardCharsets.ISO_8859_1), Frame.close(1000, "").bytes()));
                    Expect.status(s.readHttpHead(), 101);
                    Expect.close(s, 1000);
                }));
        return cases;
    }

    /** A valid variant of the upgrade: a complete 101, then a working connection. */
    private static WireCase accepted(String name, String sends, UnaryOperator<Req> change) {
        return new WireCase(name, sends, "101 with the right Sec-WebSocket-Accept, then an echo", wire -> {
            String key = WireSocket.newKey();
            WireSocket s = wire.tcp().write(change.apply(Req.upgrade("/echo", wire.port(), key)).text());
            Expect.upgraded(s, Expect.answer(s), key);
        });
    }

    /** An upgrade the gateway must refuse with this status and then close. */
    private static WireCase refused(String name, String sends, int status, UnaryOperator<Req> change) {
        return new WireCase(name, sends, status + ", then the connection closed", wire -> {
            WireSocket s = wire.tcp().write(change.apply(Req.upgrade("/echo", wire.port(), WireSocket.newKey()))
                    .text());
            Expect.statusThenEnd(s, Expect.answer(s), status);
        });
    }

    /** An upgrade the gateway must answer with this status (the connection may stay open). */
    private static WireCase status(String name, String sends, int status, UnaryOperator<Req> change) {
        return new WireCase(name, sends, Integer.toString(status), wire -> {
            WireSocket s = wire.tcp().write(change.apply(Req.upgrade("/echo", wire.port(), WireSocket.newKey()))
                    .text());
            Expect.status(Expect.answer(s), status);
        });
    }

    private static WireCase wrongVersion(String label, String version) {
        return new WireCase("Sec-WebSocket-Version " + label,
                version == null ? "no Sec-WebSocket-Version" : "Sec-WebSocket-Version: " + version,
                "426 with Sec-WebSocket-Version: 13", wire -> {
                    Req req = Req.upgrade("/echo", wire.port(), WireSocket.newKey());
                    req = version == null ? req.without("Sec-WebSocket-Version")
                            : req.set("Sec-WebSocket-Version", version);
                    WireSocket s = wire.tcp().write(req.text());
                    HttpReply reply = Expect.answer(s);
                    Expect.status(reply, 426);
                    if (!"13".equals(reply.header("sec-websocket-version"))) {
                        throw new AssertionError("426 without Sec-WebSocket-Version: 13: " + reply.head());
                    }
                });
    }

    private static WireCase garbage(String name, String sends, byte[] bytes, int... statuses) {
        int[] allowed = statuses.length == 0 ? new int[] {400} : statuses;
        return new WireCase(name, sends, java.util.Arrays.toString(allowed).replaceAll("[\\[\\]]", "")
                .replace(", ", " or ") + " or closed, never a hang", wire -> {
            WireSocket s = wire.tcp().write(bytes);
            HttpReply reply = Expect.answer(s);
            if (reply.status() >= 0) {
                Expect.status(reply, allowed);
            }
            if (!s.awaitEnd(WireSocket.ANSWER)) {
                throw new AssertionError("the connection was still open " + WireSocket.ANSWER.toSeconds() + " s later");
            }
        });
    }

    /**
     * A forbidden character in a header value of an upgrade to {@code /probe}: either 400, or the upgrade with the
     * character replaced (the {@code $connect} integration must see no CR, LF or NUL in any header value).
     */
    private static WireCase injected(String name, String sends, String rawLine) {
        return new WireCase(name, sends, "400, or 101 with no CR, LF or NUL reaching $connect", wire -> {
            WireSocket s = wire.tcp().write(Req.upgrade("/probe", wire.port(), WireSocket.newKey()).line(rawLine)
                    .text());
            HttpReply reply = Expect.answer(s);
            if (reply.status() == 101) {
                s.sendText("which headers?");
                String seen = s.next().text();
                if (seen.contains("\\u0000") || seen.contains("\\r") || seen.contains("\\n")) {
                    throw new AssertionError("101, and $connect saw the raw characters: " + seen);
                }
                return;
            }
            Expect.statusThenEnd(s, reply, 400);
        });
    }

    /** A connection that never completes its request: the gateway closes it after the handshake timeout. */
    private static WireCase timedOut(String name, String sends, String partial) {
        return new WireCase(name, sends, "closed by the 500 ms handshake timeout (not at once, within 4 s)", wire -> {
            String text = partial != null ? partial : WireSocket.upgradeRequest("/echo", wire.port(),
                    WireSocket.newKey()).replaceFirst("\r\n$", "");
            WireSocket s = wire.tcp().write(text);
            long start = System.nanoTime();
            if (!s.awaitEnd(Duration.ofSeconds(4))) {
                throw new AssertionError("still open 4 s later");
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (ms < 300) {
                throw new AssertionError("closed after " + ms + " ms: not by the timeout");
            }
        });
    }

    private static String base64Of(int bytes) {
        return Base64.getEncoder().encodeToString(randomBytes(bytes, bytes));
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] tlsHello() {
        byte[] hello = randomBytes(170, 7);
        byte[] head = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};
        System.arraycopy(head, 0, hello, 0, head.length);
        return hello;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
