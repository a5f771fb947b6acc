package io.switchboard.exhaustion;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.LiveMemory;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Peers that go silent without closing (a laptop lid, a dead mobile network, a half-open TCP connection), some of
 * them in the middle of a fragmented message: the server's pings find them and the gateway lets go of every one,
 * while a client that answers its pings stays.
 */
class VanishingPeersTest {

    @Test
    void silentPeersAreFoundAndReleasedAndAnsweringOnesStay() throws Exception {
        try (TestGateway gw = TestGateway.start("""
                apis:
                  - name: vanish
                    stage: vanish
                    limits: {ping-interval: 300ms, pong-timeout: 300ms, incomplete-message-timeout: 5s}
                    routes:
                      $default: {integration: {type: mock, response-template: '$input.body'}, route-response: true}
                """); TestWsClient alive = gw.connect("vanish")) { // the JDK client answers pings by itself
            long before = LiveMemory.used();
            List<RawWebSocket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    RawWebSocket raw = RawWebSocket.open(gw.port(), "/vanish");
                    if (i % 3 == 0) { // a third vanish half-way through a message
                        raw.send(RawWebSocket.TEXT, false, "x".repeat(10_000).getBytes(StandardCharsets.UTF_8));
                    }
                    silent.add(raw);
                }
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> gw.server().gateway().connections().size() == 1);
            } finally {
                for (RawWebSocket raw : silent) {
                    raw.close();
                }
            }
            alive.send("still here");
            assertThat(alive.next()).isEqualTo("still here");
            long after = LiveMemory.used();
            assertThat(after - before).as(LiveMemory.mb(after - before)).isLessThan(16L * 1024 * 1024);
        }
    }
}
