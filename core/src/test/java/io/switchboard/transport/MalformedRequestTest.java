package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.switchboard.testing.CapturedLogs;
import io.switchboard.testing.RawHttp;
import io.switchboard.testing.TestGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests the router cannot read: bad percent-escapes in the path or query, on every kind of path, with and without
 * upgrade headers, get a 400 and a closed connection, one log line without a stack trace, and leak no buffer
 * ({@code NoLeaksExtension} checks after the class). A client that hangs up in the middle of its body costs one
 * quiet line, not a warning.
 */
class MalformedRequestTest {
    private static final List<String> BAD_TARGETS = List.of("/accept?x=%zz", "/%zz", "/accept/%", "/accept?%zz=1",
            "/accept?x=%", "/accept?x=%0", "/accept/@connections/%zz", "/accept/@connections/abc?exclude=%zz",
            "/healthz?%", "/accept%2", "/static/%zz.html");
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: accept
                    stage: accept
                    routes:
                      $default: {integration: {type: mock, response-template: '$input.body'}, route-response: true}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String request(String target, boolean upgrade) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (upgrade ? UPGRADE : "") + "\r\n";
    }

    @Test
    void aBadPercentEscapeIsAnswered400AndTheConnectionClosed() throws IOException {
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (String target : BAD_TARGETS) {
                for (boolean upgrade : new boolean[] {false, true}) {
                    RawHttp.Exchange answer = RawHttp.exchange(gateway.port(), request(target, upgrade),
                            Duration.ofSeconds(3));
                    assertThat(answer.status()).as(target + (upgrade ? " (upgrade)" : "")).isEqualTo(400);
                    assertThat(answer.closedByServer()).as(target + " closed").isTrue();
                }
            }
            assertThat(logs.warnings()).isEmpty();
            assertThat(logs.events()).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
            assertThat(logs.containing("malformed").size()).isEqualTo(BAD_TARGETS.size() * 2);
        }
    }

    @Test
    void threeHundredBadRequestsHoldNoSocket() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket("127.0.0.1", gateway.port());
                socket.getOutputStream().write(request(BAD_TARGETS.get(i % BAD_TARGETS.size()), i % 2 == 0)
                        .getBytes(StandardCharsets.ISO_8859_1));
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                RawHttp.Exchange answer = RawHttp.readUntilClosed(socket, Duration.ofSeconds(5));
                assertThat(answer.status()).isEqualTo(400);
                assertThat(answer.closedByServer()).isTrue();
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        assertThat(gateway.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientHangingUpMidBodyCostsOneQuietLine() throws IOException {
        try (CapturedLogs logs = CapturedLogs.start()) {
            try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /accept/@connections/abc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n"
                        + "\r\n" + "x".repeat(1000)).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !logs.containing("hung up").isEmpty());
            assertThat(logs.warnings()).isEmpty();
            assertThat(logs.events()).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
            List<ILoggingEvent> lines = logs.containing("hung up");
            assertThat(lines).hasSize(1);
        }
    }
}
