package io.switchboard.exhaustion;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.testing.LiveMemory;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that send as fast as they can to a handler that blocks, reading nothing: each is held to its own bucket,
 * reading from it pauses once its calls pile up, and what it makes the gateway answer is bounded by its outbound
 * limit. The gateway's memory stays bounded the whole time, and a client that keeps to its share is served in full.
 */
class MessageFloodTest {
    private final Recorder recorder = new Recorder();
    private final Handlers handlers = Handlers.builder()
            .route("recording", new RecordingHandler(recorder))
            .build();

    @Test
    void floodsAgainstABlockingHandlerAreBoundedAndOthersAreServed() throws Exception {
        try (TestGateway gw = TestGateway.start("""
                apis:
                  - name: flood
                    stage: flood
                    limits: {pending-messages: 16, outbound-bytes: 64KB}
                    routes:
                      slow: {integration: {type: function, handler: recording}, route-response: true}
                      $default: {integration: {type: mock, response-template: '$input.body'}, route-response: true}
                """, handlers); TestWsClient polite = gw.connect("flood")) {
            long before = LiveMemory.used();
            List<Thread> flooders = new ArrayList<>();
            List<RawWebSocket> sockets = new ArrayList<>();
            for (int f = 0; f < 8; f++) {
                RawWebSocket raw = RawWebSocket.open(gw.port(), "/flood");
                sockets.add(raw);
                Thread flooder = new Thread(() -> {
                    byte[] message = ("{\"action\":\"slow\",\"pad\":\"" + "z".repeat(1000) + " sleep:5\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    try {
                        for (int i = 0; i < 20_000; i++) { // 20 MB each, as fast as TCP takes it
                            raw.send(RawWebSocket.TEXT, true, message);
                        }
                    } catch (IOException e) {
                        // closed, or TCP stopped taking more: either is the gateway defending itself
                    }
                });
                flooder.setDaemon(true);
                flooders.add(flooder);
                flooder.start();
            }
            long peak = 0;
            for (int i = 0; i < 50; i++) { // one message every 20 ms: well within its own bucket
                String text = "polite-" + i;
                polite.send(text);
                assertThat(polite.next()).isEqualTo(text);
                if (i % 10 == 0) {
                    peak = Math.max(peak, LiveMemory.used() - before);
                }
                Thread.onSpinWait();
            }
            assertThat(peak).as("held during the flood: " + LiveMemory.mb(peak)).isLessThan(64L * 1024 * 1024);
            for (RawWebSocket raw : sockets) {
                raw.close();
            }
            for (Thread flooder : flooders) {
                flooder.join(10_000);
            }
        }
    }
}
