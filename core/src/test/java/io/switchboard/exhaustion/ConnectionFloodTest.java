package io.switchboard.exhaustion;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.LiveMemory;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * 5,000 connections opened as fast as one client can: a client that was there before keeps being served while they
 * come, each costs the gateway a few kilobytes, and when they leave the registry and the memory go back to where
 * they were.
 */
class ConnectionFloodTest {
    private static final int FLOOD = 5_000;

    @Test
    void fiveThousandConnectionsComeAndGoWithoutHurtingOthersOrLeavingMemory() throws Exception {
        try (TestGateway gw = TestGateway.start("""
                apis:
                  - name: flood
                    stage: flood
                    routes:
                      $default: {integration: {type: mock, response-template: '$input.body'}, route-response: true}
                """); TestWsClient healthy = gw.connect("flood")) {
            healthy.send("warm-up");
            assertThat(healthy.next()).isEqualTo("warm-up");
            long before = LiveMemory.used();
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger served = new AtomicInteger();
            Thread probe = new Thread(() -> { // the healthy client, asking all the time the flood lasts
                while (flooding.get()) {
                    String text = "probe-" + served.get();
                    healthy.send(text);
                    if (healthy.next().equals(text)) {
                        served.incrementAndGet();
                    }
                }
            });
            probe.start();
            List<RawWebSocket> flood = new ArrayList<>(FLOOD);
            try {
                for (int i = 0; i < FLOOD; i++) {
                    flood.add(RawWebSocket.open(gw.port(), "/flood"));
                }
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> gw.server().gateway().connections().size() == FLOOD + 1);
                long during = LiveMemory.used();
                long perConnection = (during - before) / FLOOD;
                assertThat(perConnection).as("bytes per open connection").isLessThan(32 * 1024);
            } finally {
                flooding.set(false);
                probe.join(15_000);
                for (RawWebSocket raw : flood) {
                    closeQuietly(raw);
                }
            }
            assertThat(probe.isAlive()).isFalse();
            assertThat(served.get()).as("answers the healthy client got during the flood").isPositive();
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> gw.server().gateway().connections().size() == 1);
            long after = LiveMemory.used();
            assertThat(after - before).as("left behind: " + LiveMemory.mb(after - before))
                    .isLessThan(16L * 1024 * 1024);
            healthy.send("still served");
            assertThat(healthy.next()).isEqualTo("still served");
        }
    }

    private static void closeQuietly(RawWebSocket raw) {
        try {
            raw.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
