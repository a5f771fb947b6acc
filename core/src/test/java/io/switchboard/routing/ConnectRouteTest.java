package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.EventType;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code $connect} as on AWS: the upgrade waits for the integration and takes its status. */
class ConnectRouteTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: connect
                    stage: connect
                    routes:
                      $connect: {integration: {type: function, handler: recording, timeout: 300ms}}
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: function, handler: recording}, route-response: true}
                  - name: open
                    stage: open
                    routes:
                      $default: {integration: {type: mock, response-template: open}, route-response: true}
                  - name: mockconnect
                    stage: mockconnect
                    routes:
                      $connect: {integration: {type: mock, request-template: '{"statusCode": $input.params("code")}'}}
                      $default: {integration: {type: mock, response-template: in}, route-response: true}
                """, HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aSuccessfulConnectCompletesTheUpgradeAfterTheIntegrationRan() {
        try (TestWsClient client = gateway.connect("connect?user=ann")) {
            RouteEvent connect = RECORDER.await("connect", e -> "ann".equals(e.queryStringParameters().get("user")));
            assertThat(connect.eventType()).isEqualTo(EventType.CONNECT);
            client.send("hello");
            assertThat(client.next()).isEqualTo("hello");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 500, 301, 429})
    void aNon2xxStatusIsTheUpgradeResponse(int status) {
        assertThat(TestWsClient.refusedStatus(gateway.ws("connect?status=" + status), Map.of())).isEqualTo(status);
    }

    @Test
    void a2xxOtherThan200AlsoAccepts() {
        try (TestWsClient client = gateway.connect("connect?status=204")) {
            client.send("still here");
            assertThat(client.next()).isEqualTo("still here");
        }
    }

    @Test
    void anIntegrationThatThrowsGives502() {
        assertThat(TestWsClient.refusedStatus(gateway.ws("connect?fail=1"), Map.of())).isEqualTo(502);
    }

    @Test
    void anIntegrationThatTimesOutGives504() {
        assertThat(TestWsClient.refusedStatus(gateway.ws("connect?sleep=2000"), Map.of())).isEqualTo(504);
    }

    @Test
    void withoutAConnectRouteTheConnectionIsAccepted() {
        try (TestWsClient client = gateway.connect("open")) {
            client.send("x");
            assertThat(client.next()).isEqualTo("open");
        }
    }

    @Test
    void aMockConnectTakesItsStatusFromTheRequestTemplate() {
        assertThat(TestWsClient.refusedStatus(gateway.ws("mockconnect?code=403"), Map.of())).isEqualTo(403);
        try (TestWsClient client = gateway.connect("mockconnect?code=200")) {
            client.send("x");
            assertThat(client.next()).isEqualTo("in");
        }
    }

    @Test
    void theSubprotocolIsTheOneTheConnectAnswerChose() {
        try (TestWsClient client = TestWsClient.connect(gateway.ws("connect?protocol=chat.v2"), Map.of(),
                List.of("chat.v1", "chat.v2"))) {
            assertThat(client.subprotocol()).isEqualTo("chat.v2");
        }
        try (TestWsClient client = TestWsClient.connect(gateway.ws("connect"), Map.of(), List.of())) {
            assertThat(client.subprotocol()).isEmpty();
        }
    }

    @Test
    void aClientThatLeavesDuringConnectStillGetsItsDisconnect() throws Exception {
        String response;
        try (var socket = new java.net.Socket("127.0.0.1", gateway.port())) {
            socket.getOutputStream().write(("GET /connect?sleep=150 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="
                    + "\r\n\r\n").getBytes());
            RouteEvent connect = RECORDER.await("connect",
                    e -> "150".equals(e.queryStringParameters().get("sleep")));
            response = connect.connectionId();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        RouteEvent disconnect = RECORDER.await("connect", e -> e.connectionId().equals(response)
                && e.eventType() == EventType.DISCONNECT);
        assertThat(disconnect.connectionId()).isEqualTo(response);
        assertThat(disconnect.disconnectStatusCode()).hasValue(1006);
    }
}
