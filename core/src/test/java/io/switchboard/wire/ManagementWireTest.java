package io.switchboard.wire;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Area 6, the management API's input as raw HTTP: connection ids of every malformed kind, bodies over the limits and
 * broken bodies, bad percent-escapes, malformed JSON for {@code @notifications}, {@code @queues} and
 * {@code @topics}; unsigned calls from loopback relayed by a proxy ({@code X-Forwarded-For}, {@code Forwarded},
 * {@code X-Real-IP}); and, on a second gateway with {@code management.credentials}, missing, garbage and wrong
 * signatures.
 */
class ManagementWireTest {
    private static final String UNKNOWN = "AAAAAAAAAAAAAAAAAAAAAA%3D";
    private static final String APIS = """
            apis:
              - name: mgmt
                stage: mgmt
                limits: {frame-bytes: 4KB, message-bytes: 16KB}
                routes:
                  whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                  $default: %s
                topics:
                  news: {subscribers: [{queue: inbox}]}
                queues:
                  inbox: {}
            """.formatted(WireConfigs.MOCK_ECHO);
    private static WireGateway open;
    private static WireGateway signed;

    @BeforeAll
    static void start() {
        open = WireGateway.start("server: {handshake-timeout: 1s}\n" + APIS, "mgmt");
        signed = WireGateway.start("management: {credentials: [{access-key-id: " + Mgmt.KEY_ID
                + ", secret-access-key: " + Mgmt.SECRET + "}]}\n" + APIS, "mgmt");
    }

    @AfterAll
    static void stop() {
        open.close();
        signed.close();
    }

    @TestFactory
    Stream<DynamicTest> unsignedFromLoopback() {
        return WireRun.tests("6-management-unsigned", open, unsignedCases());
    }

    @TestFactory
    Stream<DynamicTest> withCredentials() {
        return WireRun.tests("6-management-signed", signed, signedCases());
    }

    static List<WireCase> unsignedCases() {
        List<WireCase> cases = new ArrayList<>();
        // @connections: a live connection first, as the control.
        cases.add(new WireCase("POST @connections/{id} to a live connection", "POST /mgmt/@connections/{id} 'hi there'",
                "200, and the client receives 'hi there'", wire -> {
                    Mgmt.Live live = Mgmt.live(wire, "mgmt");
                    Expect.status(Mgmt.call(wire, "POST", "/mgmt/@connections/" + live.path(), "hi there"), 200);
                    Expect.text(live.ws(), "hi there");
                }));
        cases.add(new WireCase("GET @connections/{id} of a live connection", "GET /mgmt/@connections/{id}",
                "200 with connectedAt and identity.sourceIp", wire -> {
                    Mgmt.Live live = Mgmt.live(wire, "mgmt");
                    HttpReply reply = Mgmt.call(wire, "GET", "/mgmt/@connections/" + live.path(), null);
                    Expect.status(reply, 200);
                    if (!reply.bodyText().contains("\"connectedAt\"") || !reply.bodyText().contains("\"sourceIp\"")) {
                        throw new AssertionError("got " + reply);
                    }
                }));
        cases.add(new WireCase("DELETE @connections/{id} of a live connection", "DELETE /mgmt/@connections/{id}",
                "204, and the client gets close 1000", wire -> {
                    Mgmt.Live live = Mgmt.live(wire, "mgmt");
                    Expect.status(Mgmt.call(wire, "DELETE", "/mgmt/@connections/" + live.path(), null), 204);
                    Expect.close(live.ws(), 1000);
                }));
        for (String[] id : new String[][] {{"an unknown well-formed id", UNKNOWN}, {"a malformed id", "not-an-id!"},
                {"an id with an encoded slash", "a%2Fb"},
                {"a 3000-character id", "A".repeat(3000)}}) {
            cases.add(new WireCase("POST @connections/{id} with " + id[0],
                    "POST /mgmt/@connections/" + shorten(id[1]), "410 or 400 with a JSON message", wire ->
                    Mgmt.error(Mgmt.call(wire, "POST", "/mgmt/@connections/" + id[1], "x"), 410, 400)));
        }
        cases.add(new WireCase("GET @connections/{id} of an unknown id", "GET /mgmt/@connections/" + UNKNOWN,
                "410 GoneException", wire -> Mgmt.error(Mgmt.call(wire, "GET", "/mgmt/@connections/" + UNKNOWN,
                        null), 410, "GoneException")));
        cases.add(new WireCase("DELETE @connections/{id} of an unknown id", "DELETE /mgmt/@connections/" + UNKNOWN,
                "410 GoneException", wire -> Mgmt.error(Mgmt.call(wire, "DELETE", "/mgmt/@connections/" + UNKNOWN,
                        null), 410, "GoneException")));
        cases.add(new WireCase("POST @connections/ with an empty id", "POST /mgmt/@connections/",
                "400, 404 or 410 with a JSON message", wire ->
                Mgmt.error(Mgmt.call(wire, "POST", "/mgmt/@connections/", "x"), 400, 404, 410)));
        cases.add(new WireCase("a 5000-character id, over the 4 KB request line", "POST /mgmt/@connections/<5000 A>",
                "414", wire -> Expect.status(Mgmt.call(wire, "POST", "/mgmt/@connections/" + "A".repeat(5000), "x"),
                        414)));
        for (String method : new String[] {"PUT"}) {
            cases.add(new WireCase(method + " @connections/{id}", method + " /mgmt/@connections/" + UNKNOWN,
                    "405 MethodNotAllowedException", wire -> Mgmt.error(Mgmt.call(wire, method,
                            "/mgmt/@connections/" + UNKNOWN, "x"), 405, "MethodNotAllowedException")));
        }
        cases.add(new WireCase("an unknown management resource", "GET /mgmt/@nothing/x", "404 with a JSON message",
                wire -> Mgmt.error(Mgmt.call(wire, "GET", "/mgmt/@nothing/x", null), 404)));
        cases.add(new WireCase("a management call to a stage that does not exist", "GET /nostage/@connections/"
                + UNKNOWN, "403 ForbiddenException", wire -> Mgmt.error(Mgmt.call(wire, "GET",
                "/nostage/@connections/" + UNKNOWN, null), 403, "ForbiddenException")));

        // Bodies: over the limits, broken, or abandoned.
        cases.add(new WireCase("a posted message of message-bytes + 1 on a kept-alive connection",
                "POST 16385 bytes to a live connection, keep-alive; then a second request on the same socket",
                "413 PayloadTooLargeException; then the second request answered, or the connection closed", wire -> {
                    Mgmt.Live live = Mgmt.live(wire, "mgmt");
                    overLimitThenUsable(wire, "/mgmt/@connections/" + live.path(), "m".repeat(16385));
                }));
        cases.add(new WireCase("a body over the 1 MB HTTP body limit on a kept-alive connection",
                "POST 2 MB to /mgmt/@connections/{unknown}, keep-alive; then a second request on the same socket",
                "413 PayloadTooLargeException; then the second request answered, or the connection closed", wire ->
                overLimitThenUsable(wire, "/mgmt/@connections/" + UNKNOWN, "b".repeat(2 * 1024 * 1024))));
        cases.add(new WireCase("Expect: 100-continue with a Content-Length over the body limit",
                "POST with Content-Length: 2097152 and Expect: 100-continue, no body", "413 without 100 Continue",
                wire -> {
                    WireSocket s = wire.tcp().write(Req.get("/mgmt/@connections/" + UNKNOWN, wire.port())
                            .method("POST").header("Content-Length", "2097152").header("Expect", "100-continue")
                            .text());
                    Mgmt.error(Expect.answer(s), 413);
                }));
        cases.add(badRequest("a Content-Length that is not a number", "Content-Length: abc",
                r -> r.header("Content-Length", "abc").body("x")));
        cases.add(badRequest("two different Content-Length headers (RFC 9112 §6.3)", "Content-Length: 1 and 2",
                r -> r.header("Content-Length", "1").header("Content-Length", "2").body("xy")));
        cases.add(badRequest("a chunked body with a chunk size that is not hex", "Transfer-Encoding: chunked, 'zz'",
                r -> r.header("Transfer-Encoding", "chunked").body("zz\r\nhello\r\n0\r\n\r\n")));
        cases.add(new WireCase("a client hanging up in the middle of a body",
                "POST with Content-Length: 10000, 100 bytes, then the socket closed",
                "the gateway keeps serving: the next call gets its 410", wire -> {
                    WireSocket s = wire.tcp().write(Req.get("/mgmt/@connections/" + UNKNOWN, wire.port())
                            .method("POST").header("Content-Length", "10000").body("x".repeat(100)).text());
                    s.close();
                    Mgmt.error(Mgmt.call(wire, "POST", "/mgmt/@connections/" + UNKNOWN, "x"), 410, "GoneException");
                }));
        cases.add(new WireCase("a body that never completes", "POST with Content-Length: 10000, 100 bytes, then silence",
                "closed by the 1 s handshake timeout (within 4 s)", wire -> {
                    WireSocket s = wire.tcp().write(Req.get("/mgmt/@connections/" + UNKNOWN, wire.port())
                            .method("POST").header("Content-Length", "10000").body("x".repeat(100)).text());
                    if (!s.awaitEnd(Duration.ofSeconds(4))) {
                        throw new AssertionError("still open 4 s later");
                    }
                }));
        cases.add(new WireCase("two pipelined requests in one write", "GET @connections/{unknown} and GET /healthz in "
                + "one write", "410, then 200, in order", wire -> {
                    WireSocket s = wire.tcp().write(Req.get("/mgmt/@connections/" + UNKNOWN, wire.port()).text()
                            + Req.get("/healthz", wire.port()).header("Connection", "close").text());
                    Mgmt.error(Expect.answer(s), 410);
                    Expect.status(Expect.answer(s), 200);
                }));

        // Bad percent-escapes: 400.
        for (String[] bad : new String[][] {{"POST", "/mgmt/@connections/%zz"}, {"POST", "/mgmt/@connections/abc%"},
                {"POST", "/mgmt/@connections/%C0%AF"}, {"POST", "/mgmt/@groups/%zz"}, {"GET", "/mgmt/@users/%zz"},
                {"POST", "/mgmt/@groups/lobby?exclude=%zz"},
                {"GET", "/mgmt/@queues/inbox/messages?max_messages=%zz"}}) {
            cases.add(new WireCase("a bad percent-escape: " + bad[0] + " " + bad[1], bad[0] + " " + bad[1],
                    "400 with a JSON message", wire -> Mgmt.error(Mgmt.call(wire, bad[0], bad[1],
                            bad[0].equals("POST") ? "x" : null), 400)));
        }

        // @groups and @users.
        cases.add(new WireCase("a group name of 257 characters", "PUT /mgmt/@groups/<257 g>/members/{live id}",
                "400 BadRequestException", wire -> {
                    Mgmt.Live live = Mgmt.live(wire, "mgmt");
                    Mgmt.error(Mgmt.call(wire, "PUT", "/mgmt/@groups/" + "g".repeat(257) + "/members/" + live.path(),
                            null), 400, "BadRequestException");
                }));
        cases.add(new WireCase("a group name with a control character", "POST /mgmt/@groups/a%01b 'x'",
                "400 BadRequestException", wire -> Mgmt.error(Mgmt.call(wire, "POST", "/mgmt/@groups/a%01b", "x"),
                        400, "BadRequestException")));

        cases.add(new WireCase("GET @users/{userId} of a user never seen", "GET /mgmt/@users/nobody",
                "200 with status OFFLINE", wire -> {
                    HttpReply reply = Mgmt.call(wire, "GET", "/mgmt/@users/nobody", null);
                    Expect.status(reply, 200);
                    if (!reply.bodyText().contains("\"OFFLINE\"")) {
                        throw new AssertionError("got " + reply);
                    }
                }));
        cases.add(new WireCase("PUT on @users/{userId}", "PUT /mgmt/@users/nobody 'x'", "405 with a JSON message",
                wire -> Mgmt.error(Mgmt.call(wire, "PUT", "/mgmt/@users/nobody", "x"), 405)));

        // @notifications: malformed JSON, wrong types, huge arrays.
        String[][] notifications = {
            {"malformed JSON", "{\"users\":["},
            {"users as a string", "{\"users\":\"alice\",\"data\":1}"},
            {"no data", "{\"users\":[\"alice\"]}"},
            {"a huge users array of 200,000 numbers", "{\"users\":[" + "1,".repeat(199_999) + "1],\"data\":1}"},
            {"100,000 levels of nesting", "{\"data\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"},
        };
        for (String[] n : notifications) {
            cases.add(new WireCase("@notifications with " + n[0], "POST /mgmt/@notifications " + shorten(n[1]),
                    "400 BadRequestException", wire -> Mgmt.error(Mgmt.call(wire, "POST", "/mgmt/@notifications",
                            n[1]), 400, "BadRequestException")));
        }
        cases.add(new WireCase("@notifications with a users array over the 1 MB body limit",
                "POST /mgmt/@notifications with 1.2 MB of user ids", "413 PayloadTooLargeException", wire -> {
                    // kept alive, so that the gateway reads and drops the rest of the body instead of closing on it
                    String body = "{\"users\":[" + "\"someone\",".repeat(120_000) + "\"x\"],\"data\":1}";
                    WireSocket s = wire.tcp();
                    s.writeQuietly(Req.get("/mgmt/@notifications", wire.port()).method("POST")
                            .header("Content-Length", Integer.toString(body.length())).body(body).text()
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    Mgmt.error(Expect.answer(s), 413, "PayloadTooLargeException");
                }));

        // @queues and @topics.
        String[][] queueBodies = {
            {"no body field", "{}"},
            {"11 attributes", "{\"body\":\"x\",\"attributes\":{" + attributes(11) + "}}"},
        };
        for (String[] q : queueBodies) {
            cases.add(new WireCase("@queues send with " + q[0], "POST /mgmt/@queues/inbox/messages " + q[1],
                    "400 with a JSON message", wire -> Mgmt.error(Mgmt.call(wire, "POST", "/mgmt/@queues/inbox/messages",
                            q[1]), 400)));
        }
        cases.add(new WireCase("@queues receive with max_messages out of range",
                "GET /mgmt/@queues/inbox/messages?max_messages=11", "400 with a JSON message", wire ->
                Mgmt.error(Mgmt.call(wire, "GET", "/mgmt/@queues/inbox/messages?max_messages=11", null), 400)));
        cases.add(new WireCase("@topics publish without a message", "POST /mgmt/@topics/news {\"attributes\":{}}",
                "400 with a JSON message", wire -> Mgmt.error(Mgmt.call(wire, "POST", "/mgmt/@topics/news",
                        "{\"attributes\":{}}"), 400)));
        cases.add(new WireCase("@topics publish to an unknown topic", "POST /mgmt/@topics/nope {\"message\":\"x\"}",
                "404 NotFoundException", wire -> Mgmt.error(Mgmt.call(wire, "POST", "/mgmt/@topics/nope",
                        "{\"message\":\"x\"}"), 404, "NotFoundException")));

        // A relaying proxy on the same machine must not make a remote caller look local.
        for (String[] header : new String[][] {{"X-Forwarded-For", "203.0.113.9"},
                {"X-Forwarded-For", "203.0.113.9, 127.0.0.1"}, {"Forwarded", "for=203.0.113.9"},
                {"X-Real-IP", "203.0.113.9"}}) {
            cases.add(new WireCase("an unsigned call relayed for a remote client: " + header[0] + ": " + header[1],
                    "GET /mgmt/@connections/{live id} from loopback with " + header[0] + ": " + header[1],
                    "403 ForbiddenException", wire -> {
                        Mgmt.Live live = Mgmt.live(wire, "mgmt");
                        Mgmt.error(Mgmt.call(wire, Mgmt.request("GET", "/mgmt/@connections/" + live.path(), null,
                                wire.port()).header(header[0], header[1])), 403, "ForbiddenException");
                    }));
        }
        return cases;
    }

    static List<WireCase> signedCases() {
        List<WireCase> cases = new ArrayList<>();
        cases.add(new WireCase("a correctly signed call (the control)", "GET /mgmt/@connections/{unknown}, signed",
                "410 GoneException (the signature passed)", wire -> Mgmt.error(Mgmt.call(wire, Mgmt.signed("GET",
                        "/mgmt/@connections/" + UNKNOWN, null, wire.port(), Mgmt.SECRET, Instant.now())), 410,
                "GoneException")));
        cases.add(new WireCase("an unsigned call from loopback", "POST /mgmt/@connections/{live id}, no signature",
                "403 ForbiddenException", wire -> {
                    Mgmt.Live live = Mgmt.live(wire, "mgmt");
                    Mgmt.error(Mgmt.call(wire, "POST", "/mgmt/@connections/" + live.path(), "x"), 403,
                            "ForbiddenException");
                }));
        for (String[] auth : new String[][] {{"garbage", "garbage"},
                {"empty parameters", "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature="},
                {"8 KB of signature", "AWS4-HMAC-SHA256 Credential=" + Mgmt.KEY_ID
                        + "/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature="
                        + "a".repeat(8000)}}) {
            cases.add(new WireCase("an Authorization header of " + auth[0], "GET /mgmt/@connections/{unknown} with "
                    + "Authorization: " + shorten(auth[1]), "403 ForbiddenException", wire -> Mgmt.error(Mgmt.call(wire,
                    Mgmt.request("GET", "/mgmt/@connections/" + UNKNOWN, null, wire.port())
                            .header("Authorization", auth[1]).header("X-Amz-Date", "20260101T000000Z")), 403,
                    "ForbiddenException")));
        }
        cases.add(forged("a signature made with the wrong secret", "signed with another secret",
                wire -> Mgmt.signed("GET", "/mgmt/@connections/" + UNKNOWN, null, wire.port(),
                        "not-the-secret-0123456789", Instant.now())));
        cases.add(forged("a signature for another path", "signed for @connections/{other id}, sent to {unknown}",
                wire -> Mgmt.signed("GET", "/mgmt/@connections/BBBBBBBBBBBBBBBBBBBBBB%3D", null, wire.port(),
                        Mgmt.SECRET, Instant.now()).target("/mgmt/@connections/" + UNKNOWN)));
        cases.add(forged("a signature for another method", "signed as GET, sent as DELETE",
                wire -> Mgmt.signed("GET", "/mgmt/@connections/" + UNKNOWN, null, wire.port(), Mgmt.SECRET,
                        Instant.now()).method("DELETE")));
        cases.add(forged("a signature over another body", "signed with body 'a', sent with body 'b'",
                wire -> Mgmt.signed("POST", "/mgmt/@connections/" + UNKNOWN, "a", wire.port(), Mgmt.SECRET,
                        Instant.now()).body("b")));
        cases.add(forged("a signature 10 minutes old", "signed with X-Amz-Date 10 minutes ago",
                wire -> Mgmt.signed("GET", "/mgmt/@connections/" + UNKNOWN, null, wire.port(), Mgmt.SECRET,
                        Instant.now().minusSeconds(600))));
        return cases;
    }

    /** A request whose signature does not match it: 403. */
    private static WireCase forged(String name, String sends, java.util.function.Function<WireContext, Req> request) {
        return new WireCase(name, sends, "403 ForbiddenException", wire ->
                Mgmt.error(Mgmt.call(wire, request.apply(wire)), 403, "ForbiddenException"));
    }

    private static WireCase badRequest(String name, String sends, java.util.function.UnaryOperator<Req> change) {
        return new WireCase(name, "POST /mgmt/@connections/{unknown} with " + sends, "400, then the connection closed",
                wire -> {
                    WireSocket s = wire.tcp().write(change.apply(Req.get("/mgmt/@connections/" + UNKNOWN, wire.port())
                            .method("POST")).text());
                    Expect.statusThenEnd(s, Expect.answer(s), 400);
                });
    }

    /** A body over a limit on a kept-alive connection: 413; then the connection still answers, or it is closed. */
    private static void overLimitThenUsable(WireContext wire, String target, String body) throws Exception {
        WireSocket s = wire.tcp();
        s.writeQuietly(Req.get(target, wire.port()).method("POST").header("Content-Length",
                Integer.toString(body.length())).body(body).text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpReply reply = Expect.answer(s);
        Mgmt.error(reply, 413, "PayloadTooLargeException");
        if (reply.closesConnection()) {
            if (!s.awaitEnd(WireSocket.ANSWER)) {
                throw new AssertionError("413 said Connection: close, but the connection stayed open");
            }
            return;
        }
        s.write(Req.get("/mgmt/@connections/" + UNKNOWN, wire.port()).header("Connection", "close").text());
        Mgmt.error(Expect.answer(s), 410, "GoneException");
    }

    private static String attributes(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"v\"");
        }
        return out.toString();
    }

    private static String shorten(String text) {
        return text.length() > 70 ? text.substring(0, 50) + "… (" + text.length() + " chars)" : text;
    }
}
