package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A stopping server closes every connection with 1001 and runs their {@code $disconnect} before it exits. */
class ShutdownTest {
    private final Recorder recorder = new Recorder();
    private final Handlers handlers = Handlers.builder()
            .route("recording", new RecordingHandler(recorder))
            .build();

    @Test
    void stoppingClosesClientsWithGoingAwayAndRunsDisconnect() {
        List<TestWsClient> clients = new ArrayList<>();
        TestGateway gw = TestGateway.start("""
                apis:
                  - name: stopping
                    stage: stopping
                    routes:
                      $connect: {integration: {type: function, handler: recording}}
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: mock}}
                """, handlers);
        for (int i = 0; i < 20; i++) {
            clients.add(gw.connect("stopping"));
        }
        Set<String> connected = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            connected.add(recorder.nextFor("stopping", "$connect").connectionId());
        }
        gw.close(); // returns once every $disconnect has run
        for (TestWsClient client : clients) {
            TestWsClient.Closed closed = client.awaitClose();
            assertThat(closed.code()).isEqualTo(1001);
        }
        List<RouteEvent> disconnects = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            disconnects.add(recorder.nextFor("stopping", "$disconnect"));
        }
        assertThat(disconnects.stream().map(RouteEvent::connectionId).collect(Collectors.toSet()))
                .isEqualTo(connected);
        assertThat(disconnects).allSatisfy(e -> assertThat(e.disconnectStatusCode()).hasValue(1001));
    }
}
