package io.switchboard.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.TestGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-site WebSocket hijacking: only the allowed browser origins upgrade (101); every other Origin gets 403 before
 * anything runs; clients that send no Origin are not browsers and pass.
 */
class OriginCheckTest {
    private static TestGateway listed;
    private static TestGateway sameOrigin;

    @BeforeAll
    static void start() {
        String api = """
                apis:
                  - name: o
                    stage: o
                    routes:
                      $default: {integration: {type: mock, response-template: ok}, route-response: true}
                """;
        listed = TestGateway.start("server: {allowed-origins: [\"https://app.example.com\", "
                + "\"http://localhost:3000\"]}\n" + api);
        sameOrigin = TestGateway.start(api);
    }

    @AfterAll
    static void stop() {
        listed.close();
        sameOrigin.close();
    }

    /** The status code of an upgrade with these headers (only the status line is read: a 101 stays open). */
    private static int upgrade(TestGateway gateway, String host, Optional<String> origin) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /o HTTP/1.1\r\nHost: " + host + "\r\n"
                    + origin.map(o -> "Origin: " + o + "\r\n").orElse("")
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com", "https://APP.example.com", "https://app.example.com:443",
        "http://localhost:3000"})
    void listedOriginsUpgrade(String origin) throws IOException {
        assertThat(upgrade(listed, "gw.example.com", Optional.of(origin))).isEqualTo(101);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "https://app.example.com.evil.com", "https://evil-app.example.com",
        "https://xapp.example.com", "null", "http://app.example.com", "https://app.example.com:8443",
        "http://localhost:3001", "https://localhost:3000", "file://", "https://app.example.com/path", ""})
    void everyOtherOriginIsRefusedWith403(String origin) throws IOException {
        assertThat(upgrade(listed, "gw.example.com", Optional.of(origin))).isEqualTo(403);
    }

    @Test
    void clientsWithoutOriginAreNotBrowsersAndPass() throws IOException {
        assertThat(upgrade(listed, "gw.example.com", Optional.empty())).isEqualTo(101);
        assertThat(upgrade(sameOrigin, "gw.example.com", Optional.empty())).isEqualTo(101);
    }

    @Test
    void withNoListAPageMustComeFromTheServerItself() throws IOException {
        String host = "127.0.0.1:" + sameOrigin.port();
        assertThat(upgrade(sameOrigin, host, Optional.of("http://" + host))).isEqualTo(101);
        assertThat(upgrade(sameOrigin, "localhost", Optional.of("http://localhost:80"))).isEqualTo(101);
        for (String other : List.of("http://evil.example", "https://" + host, "http://127.0.0.1:1",
                "http://127.0.0.1:" + sameOrigin.port() + ".evil.com", "null")) {
            assertThat(upgrade(sameOrigin, host, Optional.of(other))).as(other).isEqualTo(403);
        }
    }

    @Test
    void listEntriesMustBeExactOrigins() {
        assertThat(OriginPolicy.problem("https://*.example.com")).isPresent();
        assertThat(OriginPolicy.problem("https://example.com/app")).isPresent();
        assertThat(OriginPolicy.problem("example.com")).isPresent();
        assertThat(OriginPolicy.problem("https://example.com:8443")).isEmpty();
        assertThat(OriginPolicy.problem("*")).isEmpty();
        assertThat(OriginPolicy.of(List.of("*"), false).allows(Optional.of("https://anything.example"),
                Optional.of("gw"))).isTrue();
    }
}
