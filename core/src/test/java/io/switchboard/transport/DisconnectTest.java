package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code $disconnect} after every kind of close, with the close code and reason AWS reports. */
class DisconnectTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: bye
                    stage: bye
                    routes:
                      $connect: {integration: {type: function, handler: recording}}
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: mock, response-template: ok}, route-response: true}
                """, HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static RouteEvent connectOf(String marker) {
        return RECORDER.await("bye", e -> marker.equals(e.queryStringParameters().get("m")));
    }

    private static RouteEvent disconnectOf(String connectionId) {
        return RECORDER.await("bye", e -> e.routeKey().equals("$disconnect") && e.connectionId().equals(connectionId));
    }

    @Test
    void clientCloseWithCodeAndReason() {
        TestWsClient client = gateway.connect("bye?m=reason");
        String id = connectOf("reason").connectionId();
        client.close(1000, "done here");
        assertThat(client.awaitClose().code()).isEqualTo(1000);
        RouteEvent disconnect = disconnectOf(id);
        assertThat(disconnect.disconnectStatusCode()).hasValue(1000);
        assertThat(disconnect.disconnectReason()).contains("done here");
    }

    @Test
    void clientCloseWithoutStatus() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/bye?m=nostatus")) {
            String id = connectOf("nostatus").connectionId();
            raw.send(RawWebSocket.CLOSE, true, new byte[0]);
            RawWebSocket.Frame answer = raw.read();
            assertThat(answer.opcode()).isEqualTo(RawWebSocket.CLOSE);
            RouteEvent disconnect = disconnectOf(id);
            assertThat(disconnect.disconnectStatusCode()).hasValue(1005);
            assertThat(disconnect.disconnectReason()).contains("Client-side close frame status not set");
        }
    }

    @Test
    void connectionDroppedWithoutCloseFrame() throws Exception {
        String id;
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/bye?m=dropped")) {
            id = connectOf("dropped").connectionId();
        }
        RouteEvent disconnect = disconnectOf(id);
        assertThat(disconnect.disconnectStatusCode()).hasValue(1006);
    }

    @Test
    void disconnectRunsExactlyOnce() throws Exception {
        TestWsClient client = gateway.connect("bye?m=once");
        String id = connectOf("once").connectionId();
        client.close(4000, "first");
        client.awaitClose();
        disconnectOf(id);
        TestWsClient other = gateway.connect("bye?m=after");
        String otherId = connectOf("after").connectionId();
        other.close(1000, "");
        RouteEvent next = RECORDER.await("bye", e -> e.routeKey().equals("$disconnect"));
        assertThat(next.connectionId()).isEqualTo(otherId);
    }
}
