package io.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.EventType;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.LambdaRecorder;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestBackend;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * REQUEST authorizers as on AWS: the exact status of every outcome, the authorizer event, and the principal and
 * context in every later event of the connection and in templates.
 */
class RequestAuthorizerTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static TestBackend backend;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(request -> switch (request.json().path("headers").path("X-Decision").asString("")) {
            case "allow" -> TestBackend.Reply.proxy("{\"principalId\":\"bob\",\"policyDocument\":{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\","
                    + "\"Resource\":\"" + request.json().get("methodArn").asString().replace("$", "\\u0024")
                    + "\"}]},\"context\":{\"plan\":\"pro\"}}");
            case "deny-status" -> new TestBackend.Reply(403, "");
            case "unauthorized-status" -> new TestBackend.Reply(401, "");
            case "unauthorized-body" -> TestBackend.Reply.proxy("{\"errorMessage\":\"Unauthorized\"}");
            default -> new TestBackend.Reply(500, "oops");
        });
        gateway = TestGateway.start("""
                apis:
                  - name: req
                    stage: req
                    stage-variables: {tier: gold}
                    authorizers:
                      - name: check
                        type: request
                        identity-source: [route.request.header.HeaderAuth1, route.request.querystring.QueryString1]
                        integration: {type: function, handler: io.switchboard.testing.PolicyAuthorizer}
                    routes:
                      $connect: {authorizer: check, integration: {type: function, handler: recording}}
                      $disconnect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: function, handler: recording}, route-response: true}
                      whoami:
                        integration: {type: mock, response-template: '$context.authorizer.principalId|$context.authorizer.tier|$context.authorizer.admin|$context.authorizer.n'}
                        route-response: true
                  - name: remote
                    stage: remote
                    authorizers:
                      - name: remote
                        type: request
                        identity-source: [route.request.header.X-Decision]
                        integration: {type: http, uri: "${BACKEND}/authorize", timeout: 5s}
                    routes:
                      $connect: {authorizer: remote}
                      $default: {integration: {type: mock, response-template: '$context.authorizer.principalId $context.authorizer.plan'}, route-response: true}
                """, Map.of("BACKEND", backend.url()), HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"deny, 403", "wrong-resource, 403", "unauthorized, 401", "malformed, 500", "throw, 500",
        "object-context, 500"})
    void everyRefusalHasAwsStatus(String decision, int status) {
        assertThat(refused("req?QueryString1=" + UUID.randomUUID(), Map.of("HeaderAuth1", decision)))
                .isEqualTo(status);
    }

    @Test
    void allowConnectsAndAWildcardResourceAllowsToo() {
        for (String decision : List.of("allow", "allow-all")) {
            try (TestWsClient client = TestWsClient.connect(gateway.ws("req?QueryString1=q"),
                    Map.of("HeaderAuth1", decision), List.of())) {
                client.send("{\"action\":\"whoami\"}");
                assertThat(client.next()).isEqualTo("ann|gold|true|7");
            }
        }
    }

    @Test
    void aMissingIdentitySourceIs401WithoutCallingTheAuthorizer() {
        String marker = UUID.randomUUID().toString();
        assertThat(refused("req", Map.of("HeaderAuth1", "allow"))).isEqualTo(401); // no QueryString1
        assertThat(refused("req?QueryString1=" + marker, Map.of())).isEqualTo(401); // no HeaderAuth1
        assertThat(refused("req?QueryString1=", Map.of("HeaderAuth1", "allow"))).isEqualTo(401); // empty
        String called = UUID.randomUUID().toString();
        assertThat(refused("req?QueryString1=" + called, Map.of("HeaderAuth1", "deny"))).isEqualTo(403);
        Map<String, Object> next = LambdaRecorder.next("authorizer");
        while (!queryOf(next).contains(called)) {
            assertThat(queryOf(next)).doesNotContain(marker);
            next = LambdaRecorder.next("authorizer");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAuthorizerGetsAwsRequestEvent() {
        String marker = UUID.randomUUID().toString();
        try (TestWsClient client = TestWsClient.connect(gateway.ws("req?QueryString1=" + marker),
                Map.of("HeaderAuth1", "allow"), List.of())) {
            Map<String, Object> event;
            do {
                event = LambdaRecorder.next("authorizer");
            } while (!queryOf(event).contains(marker));
            assertThat(event).containsEntry("type", "REQUEST")
                    .containsEntry("methodArn", "arn:aws:execute-api:local:000000000000:req/req/$connect")
                    .containsEntry("stageVariables", Map.of("tier", "gold"))
                    .containsKeys("headers", "multiValueHeaders", "queryStringParameters",
                            "multiValueQueryStringParameters", "requestContext")
                    .doesNotContainKeys("body", "pathParameters");
            assertThat((Map<String, Object>) event.get("headers")).containsEntry("HeaderAuth1", "allow");
            Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
            assertThat(context).containsEntry("routeKey", "$connect").containsEntry("eventType", "CONNECT")
                    .containsEntry("stage", "req").containsKey("connectionId").doesNotContainKey("authorizer");
        }
    }

    @Test
    void principalAndContextReachConnectMessageAndDisconnect() {
        String marker = UUID.randomUUID().toString();
        String id;
        try (TestWsClient client = TestWsClient.connect(gateway.ws("req?QueryString1=" + marker),
                Map.of("HeaderAuth1", "allow"), List.of())) {
            RouteEvent connect = RECORDER.await("req", e -> e.eventType() == EventType.CONNECT
                    && marker.equals(e.queryStringParameters().get("QueryString1")));
            id = connect.connectionId();
            Map<String, Object> expected = Map.of("principalId", "ann", "tier", "gold", "admin", true, "n", 7);
            assertThat(connect.connection().authorizer()).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(connect.connection().principalId()).hasValue("ann");
            client.send("plain text");
            assertThat(client.next()).isEqualTo("plain text");
            RouteEvent message = RECORDER.await("req", e -> e.eventType() == EventType.MESSAGE
                    && e.connectionId().equals(id));
            assertThat(message.connection().authorizer()).containsExactlyInAnyOrderEntriesOf(expected);
            client.close(1000, "bye");
            RouteEvent disconnect = RECORDER.await("req", e -> e.eventType() == EventType.DISCONNECT
                    && e.connectionId().equals(id));
            assertThat(disconnect.connection().authorizer()).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    @Test
    void anHttpAuthorizerGetsTheEventAndAnswersByStatusOrBody() {
        try (TestWsClient client = TestWsClient.connect(gateway.ws("remote"), Map.of("X-Decision", "allow"),
                List.of())) {
            client.send("x");
            assertThat(client.next()).isEqualTo("bob pro");
        }
        JsonNode event = backend.await(r -> "allow".equals(r.json().path("headers").path("X-Decision")
                .asString(""))).json();
        assertThat(event.get("type").asString()).isEqualTo("REQUEST");
        assertThat(event.get("methodArn").asString()).endsWith(":remote/remote/$connect");
        assertThat(refused("remote", Map.of("X-Decision", "deny-status"))).isEqualTo(403);
        assertThat(refused("remote", Map.of("X-Decision", "unauthorized-status"))).isEqualTo(401);
        assertThat(refused("remote", Map.of("X-Decision", "unauthorized-body"))).isEqualTo(401);
        assertThat(refused("remote", Map.of("X-Decision", "broken"))).isEqualTo(500);
        assertThat(refused("remote", Map.of())).isEqualTo(401);
    }

    private static int refused(String stageAndQuery, Map<String, String> headers) {
        return TestWsClient.refusedStatus(gateway.ws(stageAndQuery), headers);
    }

    @SuppressWarnings("unchecked")
    private static String queryOf(Map<String, Object> event) {
        return String.valueOf(event.get("queryStringParameters"));
    }
}
