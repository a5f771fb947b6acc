package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The idle timeout and the maximum connection duration, set short here; both close with 1001 "Going away". */
class TimeoutsTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: idle
                    stage: idle
                    limits: {idle-timeout: 600ms}
                    routes:
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: function, handler: recording}, route-response: true}
                      quiet: {integration: {type: function, handler: recording}}
                  - name: lifetime
                    stage: lifetime
                    limits: {max-connection-duration: 800ms}
                    routes:
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: function, handler: recording}, route-response: true}
                """, HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String idOf(TestWsClient client, String stage, String marker) {
        client.send(marker);
        client.next();
        return RECORDER.await(stage, e -> e.body().orElse("").equals(marker)).connectionId();
    }

    @Test
    void anIdleConnectionClosesWithGoingAway() {
        try (TestWsClient client = gateway.connect("idle")) {
            String id = idOf(client, "idle", "idle-1");
            TestWsClient.Closed closed = client.awaitClose();
            assertThat(closed.code()).isEqualTo(1001);
            assertThat(closed.reason()).isEqualTo("Going away");
            RouteEvent disconnect = RECORDER.await("idle", e -> e.routeKey().equals("$disconnect")
                    && e.connectionId().equals(id));
            assertThat(disconnect.disconnectStatusCode()).hasValue(1001);
            assertThat(disconnect.disconnectReason()).contains("Going away");
        }
    }

    @Test
    void pingsDoNotKeepAConnectionAlive() {
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        try (TestWsClient client = gateway.connect("idle")) {
            pinger.scheduleAtFixedRate(() -> client.ping(new byte[] {1}), 0, 100, TimeUnit.MILLISECONDS);
            assertThat(client.awaitClose().code()).isEqualTo(1001);
        } finally {
            pinger.shutdownNow();
        }
    }

    @Test
    void dataFramesFromTheClientAloneKeepAConnectionAlive() throws Exception {
        try (TestWsClient client = gateway.connect("idle")) {
            for (int i = 0; i < 8; i++) { // 8 × 250 ms = 2 s, over three idle timeouts, and nothing sent back
                client.send("{\"action\":\"quiet\",\"n\":" + i + "}");
                Thread.sleep(250); // the pause between messages is what is under test
            }
            assertThat(client.isClosed()).isFalse();
            client.send("still open");
            assertThat(client.next()).isEqualTo("still open");
        }
    }

    @Test
    void dataFramesToTheClientAloneKeepAConnectionAlive() throws Exception {
        try (TestWsClient client = gateway.connect("idle")) {
            String id = idOf(client, "idle", "outbound-only");
            var connection = gateway.server().gateway().connections().find(id).orElseThrow();
            for (int i = 0; i < 8; i++) {
                connection.send("push-" + i); // as a backend pushing to the client would
                assertThat(client.next()).isEqualTo("push-" + i);
                Thread.sleep(250); // the pause between messages is what is under test
            }
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void aConnectionClosesAtItsMaximumDurationEvenWhenBusy() {
        try (TestWsClient client = gateway.connect("lifetime")) {
            String id = idOf(client, "lifetime", "busy-0");
            ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
            try {
                sender.scheduleAtFixedRate(() -> {
                    if (!client.isClosed()) {
                        client.send("busy");
                    }
                }, 0, 50, TimeUnit.MILLISECONDS);
                TestWsClient.Closed closed = client.awaitClose();
                assertThat(closed.code()).isEqualTo(1001);
            } finally {
                sender.shutdownNow();
            }
            assertThat(RECORDER.await("lifetime", e -> e.routeKey().equals("$disconnect")
                    && e.connectionId().equals(id)).disconnectStatusCode()).hasValue(1001);
        }
    }
}
