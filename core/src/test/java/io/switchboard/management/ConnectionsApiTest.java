package io.switchboard.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.ManagementClients;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/**
 * {@code @connections} driven by the real AWS SDK for Java v2 client, unchanged but for its endpoint: the calls of
 * the seeds' Lambda functions, and the exceptions they see on AWS.
 */
class ConnectionsApiTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static TestGateway gateway;
    private static ApiGatewayManagementApiClient sdk;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(ManagementClients.CREDENTIALS_YAML + """
                apis:
                  - name: mgmt
                    stage: mgmt
                    limits: {outbound-bytes: 64KB}
                    routes:
                      $connect: {integration: {type: function, handler: recording}}
                      $disconnect: {integration: {type: function, handler: recording}}
                      whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                      lambdaPush: {integration: {type: function, handler: io.switchboard.testing.SdkPushLambda}}
                  - name: other
                    stage: other
                    routes:
                      whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                """, HANDLERS);
        sdk = ManagementClients.client(gateway, "mgmt");
    }

    @AfterAll
    static void stop() {
        sdk.close();
        gateway.close();
    }

    private static String idOf(TestWsClient client) {
        return client.send("{\"action\":\"whoami\"}").next();
    }

    @Test
    void postSendsTheBodyAsOneTextFrame() {
        try (TestWsClient client = TestWsClient.connect(gateway.ws("mgmt"), Map.of("User-Agent", "sdk-test/2"),
                List.of())) {
            String id = idOf(client);
            sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("{\"hello\":\"wörld\"}")));
            assertThat(client.next()).isEqualTo("{\"hello\":\"wörld\"}");
        }
    }

    @Test
    void theEventsDomainNameAndStageMakeTheManagementEndpoint() {
        try (TestWsClient client = gateway.connect("mgmt")) {
            client.send("{\"action\":\"lambdaPush\"}");
            assertThat(client.next()).isEqualTo("pushed by a lambda via http://127.0.0.1:" + gateway.port() + "/mgmt");
        }
    }

    @Test
    void dataThatIsNotUtf8ArrivesAsABinaryFrame() {
        try (TestWsClient client = gateway.connect("mgmt")) {
            String id = idOf(client);
            byte[] data = {(byte) 0xff, 0, (byte) 0xc3, 0x28};
            sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromByteArray(data)));
            assertThat(client.nextBinary()).isEqualTo(data);
        }
    }

    @Test
    void getDescribesTheConnection() {
        Instant before = Instant.now().minusMillis(1);
        try (TestWsClient client = TestWsClient.connect(gateway.ws("mgmt"), Map.of("User-Agent", "sdk-test/2"),
                List.of())) {
            String id = idOf(client);
            GetConnectionResponse info = sdk.getConnection(r -> r.connectionId(id));
            assertThat(info.connectedAt()).isBetween(before, Instant.now());
            assertThat(info.lastActiveAt()).isBetween(info.connectedAt(), Instant.now());
            assertThat(info.identity().sourceIp()).isEqualTo("127.0.0.1");
            assertThat(info.identity().userAgent()).isEqualTo("sdk-test/2");
        }
    }

    @Test
    void deleteClosesWith1000AndDisconnectSaysClosedNormally() {
        try (TestWsClient client = gateway.connect("mgmt")) {
            String id = idOf(client);
            RECORDER.clear("mgmt");
            sdk.deleteConnection(r -> r.connectionId(id));
            assertThat(client.awaitClose().code()).isEqualTo(1000);
            RouteEvent disconnect = RECORDER.await("mgmt", e -> e.routeKey().equals("$disconnect")
                    && e.connectionId().equals(id));
            assertThat(disconnect.disconnectStatusCode()).hasValue(1000);
            assertThat(disconnect.disconnectReason()).contains("Connection Closed Normally");
            assertThatThrownBy(() -> sdk.deleteConnection(r -> r.connectionId(id))).isInstanceOf(GoneException.class);
        }
    }

    @Test
    void aClosedOrUnknownConnectionIsGone() {
        String id;
        try (TestWsClient client = gateway.connect("mgmt")) {
            id = idOf(client);
            client.close(1000, "bye");
            client.awaitClose();
        }
        org.awaitility.Awaitility.await().until(() -> gateway.server().gateway().connections().find(id).isEmpty());
        assertThatThrownBy(() -> sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(GoneException.class)
                .satisfies(e -> assertThat(((GoneException) e).statusCode()).isEqualTo(410));
        assertThatThrownBy(() -> sdk.getConnection(r -> r.connectionId(id))).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> sdk.postToConnection(r -> r.connectionId("AAAAAAAAAAAAAAAAAAAAAAA=")
                .data(SdkBytes.fromUtf8String("x")))).isInstanceOf(GoneException.class);
    }

    @Test
    void aConnectionOfAnotherStageIsGoneHere() {
        try (TestWsClient client = gateway.connect("other")) {
            String id = idOf(client);
            assertThatThrownBy(() -> sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(GoneException.class);
            client.expectNothing(Duration.ofMillis(200));
        }
    }

    @Test
    void aConnectionStillInsideConnectIsGone() throws Exception {
        RECORDER.clear("mgmt");
        CompletableFuture<TestWsClient> connecting = CompletableFuture.supplyAsync(
                () -> gateway.connect("mgmt?sleep=1500"));
        RouteEvent connect = RECORDER.nextFor("mgmt", "$connect");
        assertThatThrownBy(() -> sdk.postToConnection(r -> r.connectionId(connect.connectionId())
                .data(SdkBytes.fromUtf8String("too early")))).isInstanceOf(GoneException.class);
        try (TestWsClient client = connecting.get()) {
            assertThat(idOf(client)).isEqualTo(connect.connectionId());
        }
    }

    @Test
    void overTheMessageLimitIsPayloadTooLarge() {
        try (TestWsClient client = gateway.connect("mgmt")) {
            String id = idOf(client);
            byte[] exactly = "a".repeat(128 * 1024).getBytes(StandardCharsets.UTF_8);
            sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromByteArray(exactly)));
            assertThat(client.next()).hasSize(128 * 1024);
            byte[] tooBig = "a".repeat(128 * 1024 + 1).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> sdk.postToConnection(r -> r.connectionId(id)
                    .data(SdkBytes.fromByteArray(tooBig)))).isInstanceOf(PayloadTooLargeException.class);
            byte[] huge = new byte[3 * 1024 * 1024]; // past what the server reads at all
            assertThatThrownBy(() -> sdk.postToConnection(r -> r.connectionId(id)
                    .data(SdkBytes.fromByteArray(huge)))).isInstanceOf(PayloadTooLargeException.class);
            client.expectNothing(Duration.ofMillis(200));
        }
    }

    @Test
    void aClientThatDoesNotReadGivesLimitExceededAndIsClosed() throws Exception {
        try (RawWebSocket raw = RawWebSocket.open(gateway.port(), "/mgmt")) {
            raw.sendText("{\"action\":\"whoami\"}");
            String id = raw.read().text();
            SdkBytes chunk = SdkBytes.fromUtf8String("z".repeat(100 * 1024));
            int posted = 0;
            ApiGatewayManagementApiException refused = null;
            while (refused == null && posted < 2000) { // 200 MB at most: far beyond any socket buffer
                try {
                    sdk.postToConnection(r -> r.connectionId(id).data(chunk));
                    posted++;
                } catch (LimitExceededException | GoneException e) {
                    refused = e;
                }
            }
            // 429, or 410 when the SDK retried the 429 (it does, for throttling errors): the client is being closed
            // with 1008, as any client whose queue passed the limit, so the backend may forget it.
            assertThat(refused).isNotNull();
            assertThat(refused.statusCode()).isIn(429, 410);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.server().gateway().connections().find(id).isEmpty());
        }
    }

    @Test
    void aWrongSecretIsForbidden() {
        try (TestWsClient client = gateway.connect("mgmt");
             ApiGatewayManagementApiClient wrong = ManagementClients.client(gateway, "mgmt", "not-the-secret-at-all")) {
            String id = idOf(client);
            assertThatThrownBy(() -> wrong.postToConnection(r -> r.connectionId(id)
                    .data(SdkBytes.fromUtf8String("x")))).isInstanceOf(ForbiddenException.class)
                    .satisfies(e -> assertThat(((ForbiddenException) e).statusCode()).isEqualTo(403));
            assertThatThrownBy(() -> wrong.getConnection(r -> r.connectionId(id)))
                    .isInstanceOf(ForbiddenException.class);
            client.expectNothing(Duration.ofMillis(200));
        }
    }

    @Test
    void anUnknownStageIsForbidden() {
        try (ApiGatewayManagementApiClient elsewhere = ManagementClients.client(gateway, "nostage",
                ManagementClients.SECRET_KEY)) {
            assertThatThrownBy(() -> elsewhere.getConnection(r -> r.connectionId("abc=")))
                    .isInstanceOf(ForbiddenException.class);
        }
    }
}
