package io.switchboard.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Area 5, what applications send: route selection by {@code $request.body.action} over odd JSON (every type of
 * action, deep nesting, duplicate keys, escapes, trailing garbage, a BOM, empty messages). Each message gets the
 * right route, {@code $default}, or, without {@code $default}, AWS's {@code Forbidden} error frame; and the
 * connection stays open.
 */
class AppInputWireTest {
    private static final String MOCK = "{integration: {type: mock, response-template: '%s'}, route-response: true}";
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\{\"message\": \"Forbidden\", \"connectionId\":\"[^\"]+\", \"requestId\":\"[^\"]+\"}");
    private static final String AREA = "5-application-input";
    private static WireGateway gateway;

    @BeforeAll
    static void start() {
        gateway = WireGateway.start("""
                apis:
                  - name: app
                    stage: app
                    routes:
                      join: %1$s
                      other: %2$s
                      "42": %3$s
                      "true": %4$s
                      "[a, b]": %5$s
                      "{k=v}": %6$s
                      $default: %7$s
                  - name: strict
                    stage: strict
                    routes:
                      join: %1$s
                  - name: echo
                    stage: echo
                    routes:
                      $default: %8$s
                """.formatted(MOCK.formatted("route:join"), MOCK.formatted("route:other"),
                MOCK.formatted("route:42"), MOCK.formatted("route:true"), MOCK.formatted("route:[a, b]"),
                MOCK.formatted("route:{k=v}"), MOCK.formatted("route:default"), WireConfigs.MOCK_ECHO), "echo");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @TestFactory
    Stream<DynamicTest> applicationInput() {
        return WireRun.tests(AREA, gateway, cases());
    }

    static List<WireCase> cases() {
        List<WireCase> cases = new ArrayList<>();
        cases.add(routed("an action naming a route", "{\"action\":\"join\"}", "join"));
        cases.add(routed("an action in another case (route keys are case-sensitive)", "{\"action\":\"JOIN\"}",
                "default"));
        cases.add(routed("a text message that is not JSON", "hello there", "default"));
        cases.add(routed("a numeric action, stringified as written", "{\"action\":42}", "42"));
        cases.add(routed("a numeric action written 42.0 (not 42)", "{\"action\":42.0}", "default"));
        cases.add(routed("a boolean action", "{\"action\":true}", "true"));
        cases.add(routed("a null action (selects nothing)", "{\"action\":null}", "default"));
        cases.add(routed("an object action, stringified {k=v}", "{\"action\":{\"k\":\"v\"}}", "{k=v}"));
        cases.add(routed("an array action, stringified [a, b]", "{\"action\":[\"a\",\"b\"]}", "[a, b]"));
        cases.add(routed("a 20,000-character action", "{\"action\":\"" + "x".repeat(20_000) + "\"}", "default"));
        cases.add(routed("an action followed by 100 KB of other fields, in fragments",
                "{\"action\":\"join\",\"pad\":\"" + "p".repeat(100_000) + "\"}", "join"));
        cases.add(routed("10,000 levels of nested arrays after the action", "{\"action\":\"join\",\"deep\":"
                + "[".repeat(10_000) + "]".repeat(10_000) + "}", "default"));
        cases.add(routed("10,000 levels of nested arrays and no action", "[".repeat(10_000) + "]".repeat(10_000),
                "default"));
        cases.add(routed("a duplicate action key: the last wins, as JSON.parse", "{\"action\":\"join\","
                + "\"action\":\"other\"}", "other"));
        cases.add(routed("a unicode escape in the key", "{\"\\u0061ction\":\"join\"}", "join"));
        cases.add(routed("a unicode escape in the value", "{\"action\":\"jo\\u0069n\"}", "join"));
        cases.add(routed("an invalid escape in the value", "{\"action\":\"jo\\xin\"}", "default"));
        cases.add(routed("a raw control character inside a string", "{\"action\":\"jo\u0001in\"}", "default"));
        cases.add(routed("trailing garbage after the JSON", "{\"action\":\"join\"} xyz", "default"));
        cases.add(routed("two JSON objects in one message", "{\"action\":\"join\"}{\"action\":\"other\"}",
                "default"));
        cases.add(new WireCase("a byte order mark before the JSON (RFC 8259 §8.1 lets parsers ignore it)",
                "EF BB BF {\"action\":\"join\"}", "route:join or route:default; the connection stays open", wire -> {
                    WireSocket ws = wire.ws("app").sendText("\uFEFF{\"action\":\"join\"}");
                    String answer = ws.next().text();
                    if (!Set.of("route:join", "route:default").contains(answer)) {
                        throw new AssertionError("got " + answer);
                    }
                    stillOpen(ws);
                }));
        cases.add(routed("an empty message", "", "default"));
        cases.add(routed("whitespace around valid JSON", "\n\t {\"action\" : \"join\" } \r\n", "join"));
        cases.add(routed("a top-level array", "[\"join\"]", "default"));
        cases.add(routed("truncated JSON", "{\"action\":\"join\"", "default"));
        cases.add(routed("the action one level too deep", "{\"data\":{\"action\":\"join\"}}", "default"));

        // No $default: AWS's Forbidden error frame, and the connection stays open.
        cases.add(forbidden("an action with no route and no $default", "{\"action\":\"nope\"}"));
        cases.add(forbidden("a non-JSON message with no $default", "hello there"));
        cases.add(forbidden("an empty message with no $default", ""));
        return cases;
    }

    /** One text message to /app; the answer names the route; then the connection still routes. */
    private static WireCase routed(String name, String message, String route) {
        return new WireCase(name, shown(message), "route:" + route + ", and the connection stays open", wire -> {
            WireSocket ws = wire.ws("app");
            send(ws, message);
            Expect.text(ws, "route:" + route);
            stillOpen(ws);
        });
    }

    private static WireCase forbidden(String name, String message) {
        return new WireCase(name, shown(message) + " to /strict",
                "{\"message\": \"Forbidden\", \"connectionId\":…, \"requestId\":…}, and the connection stays open",
                wire -> {
                    WireSocket ws = wire.ws("strict");
                    send(ws, message);
                    String answer = ws.next().text();
                    if (!FORBIDDEN.matcher(answer).matches()) {
                        throw new AssertionError("got " + answer);
                    }
                    ws.sendText("{\"action\":\"join\"}");
                    Expect.text(ws, "route:join");
                });
    }

    /** Messages over one 32 KB frame go in fragments. */
    private static void send(WireSocket ws, String message) throws java.io.IOException {
        byte[] all = message.getBytes(StandardCharsets.UTF_8);
        if (all.length <= 32768) {
            ws.send(Frame.text(all));
            return;
        }
        for (int at = 0; at < all.length; at += 32768) {
            byte[] part = java.util.Arrays.copyOfRange(all, at, Math.min(all.length, at + 32768));
            ws.send((at == 0 ? Frame.text(part) : Frame.cont(part)).fin(at + 32768 >= all.length));
        }
    }

    private static void stillOpen(WireSocket ws) throws java.io.IOException {
        ws.sendText("{\"action\":\"join\"}");
        Expect.text(ws, "route:join");
    }

    private static String shown(String message) {
        String escaped = message.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
                .replace("\u0001", "\\u0001");
        return escaped.length() > 80 ? escaped.substring(0, 60) + "… (" + message.length() + " chars)"
                : escaped.isEmpty() ? "(an empty text message)" : escaped;
    }
}
