package io.switchboard.exhaustion;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.testing.LiveMemory;
import io.switchboard.testing.Quiet;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that never read, attacked through every way the gateway writes: pongs, a room's fan-out, management posts.
 * Each is closed (1008) and let go; the gateway's memory after collection is what it was, and the members that do
 * read get every message.
 */
class SlowConsumersTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    /** The next post each reading member expects. */
    private static final java.util.Map<TestWsClient, Integer> NEXT = new java.util.concurrent.ConcurrentHashMap<>();
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: slow
                    stage: slow
                    limits: {outbound-bytes: 256KB}
                    throttling: {per-connection: off}
                    routes:
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: function, handler: io.switchboard.testing.RoomHandler}, route-response: true}
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
    }

    private static long bound() {
        return 24L * 1024 * 1024;
    }

    @Test
    void pingsFromPeersThatNeverReadCostNothingOnceTheyAreGone() throws IOException {
        long before = 0;
        for (int peer = 0; peer < 5; peer++) {
            if (peer == 1) { // after one attacker: the buffer pools' chunks are warm, what grows now is retained
                before = LiveMemory.used();
            }
            try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/slow")) {
                try {
                    for (int i = 0; i < 160_000; i++) { // 640,000 pings measured, the attack that grew the heap
                        raw.send(RawWebSocket.PING, true, new byte[125]);
                    }
                } catch (IOException e) {
                    // closed by the gateway, as expected
                }
                assertThat(RECORDER.nextFor("slow", "$disconnect").disconnectStatusCode()).hasValue(1008);
            }
        }
        long after = LiveMemory.used();
        assertThat(after - before).as(LiveMemory.mb(after - before)).isLessThan(bound());
    }

    @Test
    void aRoomWithMembersThatNeverReadServesTheOthersFully() throws Exception {
        List<TestWsClient> readers = new ArrayList<>();
        List<RawWebSocket> stuck = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                TestWsClient reader = gateway.connect("slow");
                reader.send("{\"action\":\"join\",\"group\":\"busy\"}").next();
                readers.add(reader);
            }
            for (int i = 0; i < 5; i++) {
                RawWebSocket raw = RawWebSocket.open(gateway.port(), "/slow");
                raw.sendText("{\"action\":\"join\",\"group\":\"busy\"}");
                raw.read(); // its id; from here on it reads nothing
                stuck.add(raw);
            }
            long before = LiveMemory.used();
            String payload = "p".repeat(16 * 1024);
            int posts = 300; // 4.8 MB to each member
            for (int i = 0; i < posts; i++) {
                HttpResponse<String> posted = gateway.call("POST", "/slow/@groups/busy", i + ":" + payload);
                assertThat(posted.statusCode()).isEqualTo(200);
                if (i % 20 == 0) {
                    for (TestWsClient reader : readers) { // the readers keep up, a little behind
                        drain(reader, i);
                    }
                }
            }
            for (TestWsClient reader : readers) {
                drain(reader, posts - 1);
            }
            Set<String> closed = new HashSet<>();
            while (closed.size() < stuck.size()) {
                var event = RECORDER.nextFor("slow", "$disconnect");
                assertThat(event.disconnectStatusCode()).hasValue(1008);
                closed.add(event.connectionId());
            }
            long after = LiveMemory.used();
            assertThat(after - before).as(LiveMemory.mb(after - before)).isLessThan(bound());
        } finally {
            readers.forEach(TestWsClient::close);
            for (RawWebSocket raw : stuck) {
                raw.close();
            }
        }
    }

    /** Reads a member's messages up to post {@code last}, checking none is missing or out of order. */
    private static void drain(TestWsClient reader, int last) {
        int next = NEXT.getOrDefault(reader, 0);
        while (next <= last) {
            String message = reader.next();
            assertThat(message).startsWith(next + ":");
            next++;
        }
        NEXT.put(reader, next);
    }

    @Test
    void managementPostsToPeersThatNeverReadEndTheirConnections() throws IOException {
        long before = LiveMemory.used();
        String body = "m".repeat(64 * 1024);
        for (int peer = 0; peer < 5; peer++) {
            try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/slow")) {
                raw.sendText("{\"action\":\"join\",\"group\":\"solo-" + peer + "\"}");
                String id = new String(raw.read().payload(), StandardCharsets.UTF_8);
                int status = 200;
                for (int i = 0; i < 2_000 && status == 200; i++) {
                    status = gateway.call("POST", "/slow/@connections/" + id.replace("=", "%3D"), body)
                            .statusCode();
                }
                assertThat(status).isIn(429, 410);
                assertThat(RECORDER.nextFor("slow", "$disconnect").disconnectStatusCode()).hasValue(1008);
            }
        }
        long after = LiveMemory.used();
        assertThat(after - before).as(LiveMemory.mb(after - before)).isLessThan(bound());
    }
}
