package io.switchboard.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.EventType;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys and usage plans: 403 without a known key, 429 past the plan's rate or quota, on connect and after. */
class ApiKeysTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static final String ALICE = "alice-0123456789abcdefghij";
    private static final String QUOTA = "quota-0123456789abcdefghij";
    private static final String BOB = "bob-0123456789abcdefghijkl";
    private static final String CAROL = "carol-0123456789abcdefghij";
    private static final String DAN = "dan-0123456789abcdefghijkl";

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: keys
                    stage: keys
                    usage-plans:
                      - name: unlimited
                        api-keys: [{id: alice-key, value: "%s"}]
                      - name: basic
                        quota: {limit: 3, period: day}
                        api-keys: [{id: quota-key, value: "%s"}]
                      - name: slow
                        throttling: {rate-limit: 0.001, burst-limit: 2}
                        api-keys: [{id: bob-key, value: "%s"}]
                    routes:
                      $connect: {api-key-required: true, integration: {type: function, handler: recording}}
                      $default: {integration: {type: mock, response-template: '$context.identity.apiKeyId'}, route-response: true}
                  - name: authkeys
                    stage: authkeys
                    api-key-selection-expression: $context.authorizer.usageIdentifierKey
                    authorizers:
                      - {name: check, type: request, identity-source: [route.request.header.HeaderAuth1],
                         integration: {type: function, handler: io.switchboard.testing.PolicyAuthorizer}}
                    usage-plans:
                      - {name: partner, api-keys: [{id: carol-key, value: "%s"}]}
                    routes:
                      $connect: {authorizer: check, api-key-required: true}
                      $default: {integration: {type: mock, response-template: '$context.identity.apiKeyId'}, route-response: true}
                  - name: optional
                    stage: optional
                    usage-plans:
                      - {name: paid, api-keys: [{id: dan-key, value: "%s"}]}
                    routes:
                      paid: {api-key-required: true, integration: {type: mock, response-template: paid}, route-response: true}
                      $default: {integration: {type: mock, response-template: free}, route-response: true}
                """.formatted(ALICE, QUOTA, BOB, CAROL, DAN), HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static int refused(String stage, Map<String, String> headers) {
        return TestWsClient.refusedStatus(gateway.ws(stage), headers);
    }

    private static TestWsClient connect(String stage, Map<String, String> headers) {
        return TestWsClient.connect(gateway.ws(stage), headers, List.of());
    }

    @Test
    void aMissingOrUnknownKeyIs403AndAKnownOneConnects() {
        assertThat(refused("keys", Map.of())).isEqualTo(403);
        assertThat(refused("keys", Map.of("x-api-key", "nobody-0123456789abcdefghij"))).isEqualTo(403);
        try (TestWsClient client = connect("keys", Map.of("x-api-key", ALICE))) {
            client.send("who");
            assertThat(client.next()).isEqualTo("alice-key");
            RouteEvent connect = RECORDER.await("keys", e -> e.eventType() == EventType.CONNECT
                    && e.connection().apiKey().isPresent());
            assertThat(connect.connection().apiKey()).contains(new ConnectionInfo.ApiKeyIdentity("alice-key", ALICE));
            assertThat(connect.connection().apiKey().get().toString()).doesNotContain(ALICE);
        }
    }

    @Test
    void theQuotaCountsConnectAndMessagesThenAnswersLimitExceeded() {
        try (TestWsClient client = connect("keys", Map.of("x-api-key", QUOTA))) { // 1 of 3
            client.send("a").send("b").send("c");
            assertThat(client.next()).isEqualTo("quota-key");
            assertThat(client.next()).isEqualTo("quota-key");
            assertThat(client.next()).matches("\\{\"message\": \"Limit Exceeded\", \"connectionId\":\"[^\"]+\", "
                    + "\"requestId\":\"[^\"]+\"}");
        }
        assertThat(refused("keys", Map.of("x-api-key", QUOTA))).isEqualTo(429);
    }

    @Test
    void thePlanRateIsPerKeyAcrossConnections() {
        try (TestWsClient client = connect("keys", Map.of("x-api-key", BOB))) { // 1 of 2
            client.send("a").send("b");
            assertThat(client.next()).isEqualTo("bob-key");
            assertThat(client.next()).startsWith("{\"message\": \"Too Many Requests\"");
            assertThat(refused("keys", Map.of("x-api-key", BOB))).isEqualTo(429);
        }
    }

    @Test
    void theAuthorizerCanNameTheKey() {
        try (TestWsClient client = connect("authkeys", Map.of("HeaderAuth1", "usage:" + CAROL))) {
            client.send("who");
            assertThat(client.next()).isEqualTo("carol-key");
        }
        assertThat(refused("authkeys", Map.of("HeaderAuth1", "usage:unknown-0123456789abcdef"))).isEqualTo(403);
        assertThat(refused("authkeys", Map.of("HeaderAuth1", "allow"))).isEqualTo(403);
        assertThat(refused("authkeys", Map.of("x-api-key", CAROL))).as("no identity source").isEqualTo(401);
    }

    @Test
    void aMessageRouteThatNeedsAKeyAnswersForbiddenToConnectionsWithout() {
        try (TestWsClient free = gateway.connect("optional");
             TestWsClient paying = connect("optional", Map.of("x-api-key", DAN))) {
            free.send("{\"action\":\"paid\"}").send("{\"action\":\"x\"}");
            assertThat(free.next()).startsWith("{\"message\": \"Forbidden\", \"connectionId\":\"");
            assertThat(free.next()).isEqualTo("free");
            paying.send("{\"action\":\"paid\"}");
            assertThat(paying.next()).isEqualTo("paid");
        }
    }
}
