package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.RawHttp;
import io.switchboard.testing.TestGateway;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The opening handshake's rules of RFC 6455 §4.2.1 (and RFC 9112's for Host): an HTTP/1.1 GET, a Host header, a
 * Sec-WebSocket-Key that is the base64 of 16 bytes. Anything else is 400, with the connection closed; a valid
 * handshake still gets 101.
 */
class HandshakeRulesTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455's example: 16 bytes
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: rules
                    stage: rules
                    routes:
                      $default: {integration: {type: mock, response-template: '$input.body'}, route-response: true}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static RawHttp.Exchange upgrade(String version, String host, String key) throws IOException {
        return RawHttp.exchange(gateway.port(), "GET /rules " + version + "\r\n" + host
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n") + "\r\n", Duration.ofSeconds(3));
    }

    @Test
    void aValidHandshakeIsAccepted() throws IOException {
        RawHttp.Exchange answer = upgrade("HTTP/1.1", "Host: 127.0.0.1\r\n", KEY);
        assertThat(answer.status()).isEqualTo(101);
        assertThat(answer.response()).containsIgnoringCase("sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void aKeyThatIsNotTheBase64OfSixteenBytesIs400() throws IOException {
        for (String key : new String[] {"not base64!", "dGhlIHNhbXBsZQ==", "dGhlIHNhbXBsZSBub25jZSE=",
            "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ==dGhl", "====================", "x", ""}) {
            RawHttp.Exchange answer = upgrade("HTTP/1.1", "Host: 127.0.0.1\r\n", key);
            assertThat(answer.status()).as("key '" + key + "'").isEqualTo(400);
            assertThat(answer.closedByServer()).isTrue();
        }
    }

    @Test
    void anHttp10UpgradeIs400() throws IOException {
        RawHttp.Exchange answer = upgrade("HTTP/1.0", "Host: 127.0.0.1\r\n", KEY);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.closedByServer()).isTrue();
    }

    @Test
    void anUpgradeWithoutHostOrWithTwoIs400() throws IOException {
        assertThat(upgrade("HTTP/1.1", "", KEY).status()).isEqualTo(400);
        assertThat(upgrade("HTTP/1.1", "Host: a\r\nHost: b\r\n", KEY).status()).isEqualTo(400);
    }

    @Test
    void plainHttp11RequestsWithoutHostAre400AndHttp10OnesAreServed() throws IOException {
        assertThat(RawHttp.exchange(gateway.port(), "GET /healthz HTTP/1.1\r\n\r\n", Duration.ofSeconds(3))
                .status()).isEqualTo(400);
        assertThat(RawHttp.exchange(gateway.port(), "GET /healthz HTTP/1.0\r\n\r\n", Duration.ofSeconds(3))
                .status()).isEqualTo(200);
    }
}
