package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading is closed with 1008 once its outbound queue passes {@code outbound-bytes}; and a client
 * flooding a slow handler: the gateway stops reading from it past {@code pending-messages} (TCP back-pressure)
 * and resumes as the handler catches up; nothing is lost and the order holds.
 */
class BackpressureTest {
    private final Recorder recorder = new Recorder();
    private final Handlers handlers = Handlers.builder()
            .route("recording", new RecordingHandler(recorder))
            .build();

    @Test
    void aFloodAgainstASlowHandlerLosesNothingAndKeepsOrder() {
        try (TestGateway gw = TestGateway.start("""
                apis:
                  - name: flood
                    stage: flood
                    limits: {pending-messages: 8}
                    throttling: {per-connection: off} # the flood is the point
                    routes:
                      $default: {integration: {type: function, handler: recording}, route-response: true}
                """, handlers); TestWsClient client = gw.connect("flood")) {
            int count = 400;
            for (int i = 0; i < count; i++) {
                client.send("m" + i + (i % 50 == 0 ? " sleep:20" : ""));
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                received.add(client.next());
            }
            for (int i = 0; i < count; i++) {
                assertThat(received.get(i)).startsWith("m" + i);
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWith1008InsteadOfGrowingMemory() throws Exception {
        try (TestGateway gw = TestGateway.start("""
                apis:
                  - name: reader
                    stage: reader
                    limits: {outbound-bytes: 64KB}
                    throttling: {per-connection: off}
                    routes:
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: mock, response-template: '$input.body'}, route-response: true}
                """, handlers); RawWebSocket raw = RawWebSocket.open(gw.port(), "/reader")) {
            byte[] message = "x".repeat(8 * 1024).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3000; i++) { // 24 MB of echoes: more than the kernel buffers hold
                raw.send(RawWebSocket.TEXT, true, message);
            }
            assertThat(raw.awaitCloseCode()).isEqualTo(1008);
            var disconnect = recorder.nextFor("reader", "$disconnect");
            assertThat(disconnect.disconnectStatusCode()).hasValue(1008);
            assertThat(disconnect.disconnectReason()).contains("Slow consumer");
        }
    }
}
