package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.Quiet;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Peers that never read: whatever they make the gateway write (pongs, echoes, management posts, the answer to their
 * own close frame), the outbound limit holds, the connection is closed with 1008, and the close ends within a bounded
 * time even though the close frame itself can never be written. The connection's {@code $disconnect} is the proof
 * that the gateway let go of it.
 */
class SlowPeerTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: slow
                    stage: slow
                    limits: {outbound-bytes: 64KB}
                    throttling: {per-connection: off} # these peers flood on purpose; what they get back is the test
                    routes:
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: mock, response-template: '$input.body'}, route-response: true}
                  - name: roomy
                    stage: roomy
                    limits: {outbound-bytes: 64MB}
                    throttling: {per-connection: off}
                    routes:
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: mock, response-template: '$input.body'}, route-response: true}
                """, HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void clear() {
        Quiet.await(gateway); // a $disconnect of the test before must not be taken for this test's
        RECORDER.clear("slow");
        RECORDER.clear("roomy");
    }

    /** Sends until the gateway drops the connection or {@code count} frames are out; never reads. */
    private static void sendWithoutReading(RawWebSocket raw, int opcode, byte[] payload, int count) {
        try {
            for (int i = 0; i < count; i++) {
                raw.send(opcode, true, payload);
            }
        } catch (IOException e) {
            // the gateway closed the connection: what these tests wait for
        }
    }

    private static RouteEvent disconnectOf(String stage) {
        return RECORDER.nextFor(stage, "$disconnect");
    }

    @Test
    void pongsForAPeerThatNeverReadsObeyTheOutboundLimit() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/slow")) {
            sendWithoutReading(raw, RawWebSocket.PING, new byte[125], 400_000); // 50 MB of pongs if all were queued
            RouteEvent disconnect = disconnectOf("slow");
            assertThat(disconnect.disconnectStatusCode()).hasValue(1008);
            assertThat(disconnect.disconnectReason()).contains("Slow consumer");
        }
    }

    @Test
    void aPeerThatSendsAndNeverReadsIsReleasedInBoundedTime() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/slow")) {
            byte[] message = "x".repeat(8 * 1024).getBytes(StandardCharsets.UTF_8);
            sendWithoutReading(raw, RawWebSocket.TEXT, message, 3000); // 24 MB of echoes, none of them read
            RouteEvent disconnect = disconnectOf("slow"); // within 10 s, though the close frame is never read
            assertThat(disconnect.disconnectStatusCode()).hasValue(1008);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.server().gateway().connections().size() == 0);
    }

    @Test
    void aPeerThatClosesWhileNotReadingIsReleasedInBoundedTime() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/roomy")) {
            byte[] message = "x".repeat(8 * 1024).getBytes(StandardCharsets.UTF_8);
            sendWithoutReading(raw, RawWebSocket.TEXT, message, 1000); // 8 MB: under the limit, over the kernel's
            raw.send(RawWebSocket.CLOSE, true, new byte[] {0x03, (byte) 0xe8}); // 1000; our answer cannot be written
            RouteEvent disconnect = disconnectOf("roomy");
            assertThat(disconnect.disconnectStatusCode()).hasValue(1000);
        }
    }

    @Test
    void managementPostsToAPeerThatNeverReadsEndIn429AndA1008Close() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/slow")) {
            raw.sendText("who"); // its echo carries nothing we need; the id comes from the $disconnect below
            String body = "y".repeat(100 * 1024);
            String id = connectionIdOfOnlyConnection();
            int status = 200;
            for (int i = 0; i < 1000 && status == 200; i++) {
                HttpResponse<String> response = gateway.call("POST", "/slow/@connections/" + encode(id), body);
                status = response.statusCode();
            }
            assertThat(status).isEqualTo(429);
            RouteEvent disconnect = disconnectOf("slow");
            assertThat(disconnect.connectionId()).isEqualTo(id);
            assertThat(disconnect.disconnectStatusCode()).hasValue(1008);
            assertThat(gateway.call("POST", "/slow/@connections/" + encode(id), "late").statusCode())
                    .isEqualTo(410);
        }
    }

    private static String connectionIdOfOnlyConnection() {
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.server().gateway().connections().size() == 1);
        return gateway.server().gateway().connections().all().iterator().next().id();
    }

    private static String encode(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
