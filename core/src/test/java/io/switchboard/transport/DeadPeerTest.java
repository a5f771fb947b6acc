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
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Peers that are gone without saying so: the server pings every {@code ping-interval}, and a peer from which nothing
 * arrives for {@code pong-timeout} after a ping is closed (1001 "Ping timeout"), long before the idle timeout; a
 * peer that answers stays. A fragmented message that is not completed within {@code incomplete-message-timeout} is
 * dropped and the connection closed with 1008.
 */
class DeadPeerTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: pings
                    stage: pings
                    limits: {ping-interval: 200ms, pong-timeout: 300ms, idle-timeout: 1h}
                    routes:
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: mock, response-template: '$input.body'}, route-response: true}
                  - name: fragments
                    stage: fragments
                    limits: {incomplete-message-timeout: 300ms, ping-interval: 0s}
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
        RECORDER.clear("pings");
        RECORDER.clear("fragments");
    }

    @Test
    void aPeerThatNeverAnswersPingsIsClosed() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/pings")) {
            RawWebSocket.Frame first = raw.read();
            assertThat(first.opcode()).isEqualTo(RawWebSocket.PING); // the server's
            RawWebSocket.Frame next = raw.read(); // never answered: the close comes within the pong timeout
            while (next.opcode() == RawWebSocket.PING) {
                next = raw.read();
            }
            assertThat(next.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(next.closeCode()).isEqualTo(1001);
            assertThat(next.text().substring(2)).isEqualTo("Ping timeout");
            RouteEvent disconnect = RECORDER.nextFor("pings", "$disconnect");
            assertThat(disconnect.disconnectStatusCode()).hasValue(1001);
        }
    }

    @Test
    void aPeerThatVanishesIsReleasedWithoutReadingOrWriting() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/pings")) {
            // Silent from here on, as a peer behind a dead network: no FIN, no reads, no pongs.
            RouteEvent disconnect = RECORDER.nextFor("pings", "$disconnect");
            assertThat(disconnect.disconnectStatusCode()).hasValue(1001);
        }
    }

    @Test
    void aPeerThatAnswersPingsStaysOpen() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/pings")) {
            int answered = 0;
            while (answered < 8) { // 8 intervals: far past the pong timeout
                RawWebSocket.Frame frame = raw.read();
                assertThat(frame.opcode()).isEqualTo(RawWebSocket.PING);
                raw.send(RawWebSocket.PONG, true, frame.payload());
                answered++;
            }
            raw.sendText("still here");
            RawWebSocket.Frame echo = raw.read();
            while (echo.opcode() == RawWebSocket.PING) {
                raw.send(RawWebSocket.PONG, true, echo.payload());
                echo = raw.read();
            }
            assertThat(echo.text()).isEqualTo("still here");
        }
    }

    @Test
    void aFragmentedMessageNeverFinishedIsDroppedAndTheConnectionClosed() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/fragments")) {
            raw.send(RawWebSocket.TEXT, false, "the start of a message".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.awaitCloseCode()).isEqualTo(1008);
            RouteEvent disconnect = RECORDER.nextFor("fragments", "$disconnect");
            assertThat(disconnect.disconnectStatusCode()).hasValue(1008);
        }
    }

    @Test
    void aFragmentedMessageFinishedInTimeIsDelivered() throws IOException {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/fragments")) {
            raw.send(RawWebSocket.TEXT, false, "part one, ".getBytes(StandardCharsets.UTF_8));
            raw.send(RawWebSocket.CONTINUATION, true, "part two".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.read().text()).isEqualTo("part one, part two");
        }
    }
}
