package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS's 32 KB frame and 128 KB message limits with a real client: the client must read 1009, never an abnormal
 * 1006, even though it is still sending when the server closes.
 */
class AwsDefaultLimitsTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: defaults
                    stage: defaults
                    routes:
                      $default: {integration: {type: mock, response-template: '$input.body.length()'}, route-response: true}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void the32KbFrameLimit() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/defaults")) {
            raw.send(RawWebSocket.TEXT, true, "a".repeat(32 * 1024).getBytes(StandardCharsets.UTF_8));
            assertThat(raw.read().text()).isEqualTo("32768");
            // one 40 KB frame, then more data behind it: the client still reads the close code
            raw.send(RawWebSocket.TEXT, true, "a".repeat(40 * 1024).getBytes(StandardCharsets.UTF_8));
            raw.send(RawWebSocket.TEXT, true, "b".repeat(20 * 1024).getBytes(StandardCharsets.UTF_8));
            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
        }
    }

    @Test
    void aLargeMessageFromTheJdkClientIsFramedWithinTheLimits() {
        try (TestWsClient client = gateway.connect("defaults")) {
            client.send("c".repeat(100 * 1024)); // the JDK client splits large messages into frames
            assertThat(client.next()).isEqualTo("102400");
        }
    }

    @Test
    void the128KbMessageLimitAcrossFragments() {
        try (TestWsClient client = gateway.connect("defaults")) {
            String part = "b".repeat(32 * 1024);
            client.sendFragments(part, part, part, part);
            assertThat(client.next()).isEqualTo("131072");
            client.sendFragments(part, part, part, part, "c"); // the fifth fragment crosses 128 KB
            assertThat(client.awaitClose().code()).isEqualTo(1009);
        }
    }
}
