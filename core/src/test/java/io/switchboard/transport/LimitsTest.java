package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Frame and message limits, binary frames and UTF-8, each with its close code and $disconnect report. */
class LimitsTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: limits
                    stage: limits
                    limits: {frame-bytes: 1KB, message-bytes: 4KB}
                    routes:
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: function, handler: recording}, route-response: true}
                  - name: binary
                    stage: binary
                    accept-binary: true
                    routes:
                      $default: {integration: {type: function, handler: recording}, route-response: true}
                """, HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static RouteEvent disconnectOf(String connectionId) {
        return RECORDER.await("limits", e -> e.routeKey().equals("$disconnect")
                && e.connectionId().equals(connectionId));
    }

    private static String connectionIdOf(TestWsClient client) {
        client.send("id?");
        client.next();
        return RECORDER.await("limits", e -> e.body().orElse("").equals("id?")).connectionId();
    }

    @Test
    void aFrameOverTheFrameLimitCloses1009() {
        try (TestWsClient client = gateway.connect("limits")) {
            String id = connectionIdOf(client);
            client.send("x".repeat(1025));
            assertThat(client.awaitClose().code()).isEqualTo(1009);
            RouteEvent disconnect = disconnectOf(id);
            assertThat(disconnect.disconnectStatusCode()).hasValue(1009);
            assertThat(disconnect.disconnectReason()).contains("Message too big");
        }
    }

    @Test
    void aFrameExactlyAtTheLimitPasses() {
        try (TestWsClient client = gateway.connect("limits")) {
            client.send("y".repeat(1024));
            assertThat(client.next()).hasSize(1024);
        }
    }

    @Test
    void fragmentsWithinTheLimitsAreReassembled() {
        try (TestWsClient client = gateway.connect("limits")) {
            client.sendFragments("a".repeat(1000), "b".repeat(1000), "c".repeat(1000), "d".repeat(1000));
            assertThat(client.next()).isEqualTo("a".repeat(1000) + "b".repeat(1000) + "c".repeat(1000)
                    + "d".repeat(1000));
        }
    }

    @Test
    void aFragmentedMessageOverTheMessageLimitCloses1009NotAbnormally() {
        try (TestWsClient client = gateway.connect("limits")) {
            String id = connectionIdOf(client);
            client.sendFragments("a".repeat(1000), "b".repeat(1000), "c".repeat(1000), "d".repeat(1000),
                    "e".repeat(97)); // 4097 bytes: one over 4 KB
            assertThat(client.awaitClose().code()).isEqualTo(1009);
            assertThat(disconnectOf(id).disconnectStatusCode()).hasValue(1009);
        }
    }

    @Test
    void manyTinyFragmentsOverTheLimitClose1009() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/limits")) {
            raw.send(RawWebSocket.TEXT, false, new byte[100]);
            for (int i = 0; i < 100; i++) {
                raw.send(RawWebSocket.CONTINUATION, false, new byte[100]);
            }
            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
        }
    }

    @Test
    void aBinaryFrameCloses1003WhereTheApiTakesTextOnly() {
        try (TestWsClient client = gateway.connect("limits")) {
            String id = connectionIdOf(client);
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.awaitClose().code()).isEqualTo(1003);
            assertThat(disconnectOf(id).disconnectStatusCode()).hasValue(1003);
        }
    }

    @Test
    void anApiThatAcceptsBinaryGetsItBase64EncodedOnDefault() {
        try (TestWsClient client = gateway.connect("binary")) {
            byte[] data = {0, (byte) 0xff, 42, 7};
            client.sendBinary(data);
            assertThat(client.next()).isEqualTo(Base64.getEncoder().encodeToString(data));
            RouteEvent event = RECORDER.await("binary", e -> e.isBase64Encoded());
            assertThat(event.routeKey()).isEqualTo("$default");
        }
    }

    @Test
    void invalidUtf8Closes1007() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/limits")) {
            raw.send(RawWebSocket.TEXT, true, new byte[] {'o', 'k', (byte) 0xc3, (byte) 0x28});
            assertThat(raw.awaitCloseCode()).isEqualTo(1007);
        }
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/limits")) {
            raw.send(RawWebSocket.TEXT, false, new byte[] {'a', (byte) 0xe2, (byte) 0x82});
            raw.send(RawWebSocket.CONTINUATION, true, new byte[] {(byte) 0x28}); // broken across fragments
            assertThat(raw.awaitCloseCode()).isEqualTo(1007);
        }
    }

    @Test
    void validMultibyteTextSplitAcrossFragmentsIsAccepted() throws Exception {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/limits")) {
            raw.send(RawWebSocket.TEXT, false, new byte[] {'a', euro[0]});
            raw.send(RawWebSocket.CONTINUATION, true, new byte[] {euro[1], euro[2]});
            assertThat(raw.read().text()).isEqualTo("a€");
        }
    }

    @Test
    void protocolViolationsClose1002() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/limits")) {
            raw.send(RawWebSocket.TEXT, true, "unmasked".getBytes(StandardCharsets.UTF_8), false);
            assertThat(raw.awaitCloseCode()).isEqualTo(1002);
        }
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/limits")) {
            raw.send(RawWebSocket.CONTINUATION, true, new byte[] {1});
            assertThat(raw.awaitCloseCode()).isEqualTo(1002);
        }
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/limits")) {
            raw.send(3, true, new byte[] {1}); // reserved opcode
            assertThat(raw.awaitCloseCode()).isEqualTo(1002);
        }
    }

    @Test
    void pingIsAnsweredWithPongCarryingItsPayload() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/limits")) {
            raw.send(RawWebSocket.PING, true, "are you there".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame pong = raw.read();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.text()).isEqualTo("are you there");
        }
    }

    @Test
    void theServerWaitsForTheClientsCloseAnswerThenEndsTcp() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/limits")) {
            raw.send(RawWebSocket.BINARY, true, new byte[] {1});
            RawWebSocket.Frame close = raw.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1003);
            raw.send(RawWebSocket.CLOSE, true, new byte[] {0x03, (byte) 0xeb});
            assertThat(raw.awaitEndOfStream()).isTrue();
        }
    }
}
