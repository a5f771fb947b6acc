package io.switchboard.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.TestBackend;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code http} integration against a real local HTTP server speaking the Lambda proxy format. */
class HttpIntegrationTest {
    private static TestBackend backend;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(request -> {
            String body = request.json().path("body").asString("");
            return switch (request.path()) {
                case "/connect" -> TestBackend.Reply.proxy(
                        request.json().path("queryStringParameters").path("deny").isMissingNode()
                                ? "{\"statusCode\":200}" : "{\"statusCode\":401}");
                case "/echo" -> TestBackend.Reply.proxy("{\"statusCode\":404,\"body\":"
                        + io.switchboard.json.Json.MAPPER.writeValueAsString("echo:" + body) + "}");
                case "/binary" -> TestBackend.Reply.proxy("{\"statusCode\":200,\"isBase64Encoded\":true,\"body\":\""
                        + Base64.getEncoder().encodeToString(new byte[] {9, 8, 7}) + "\"}");
                case "/extra" -> TestBackend.Reply.proxy("{\"statusCode\":200,\"body\":\"x\",\"Data\":\"y\"}");
                case "/objectbody" -> TestBackend.Reply.proxy("{\"statusCode\":200,\"body\":{\"a\":1}}");
                case "/notjson" -> TestBackend.Reply.proxy("<html>oops</html>");
                case "/empty" -> TestBackend.Reply.proxy("");
                case "/error" -> new TestBackend.Reply(500, "{\"statusCode\":200,\"body\":\"hidden\"}");
                default -> new TestBackend.Reply(404, "");
            };
        });
        gateway = TestGateway.start("""
                apis:
                  - name: http
                    stage: http
                    stage-variables: {backend: "${BACKEND_HOSTPORT}"}
                    routes:
                      $connect: {integration: {type: http, uri: "http://${stageVariables.backend}/connect", headers: {X-Secret: abc}}}
                      echo: {integration: {type: http, uri: "http://${stageVariables.backend}/echo"}, route-response: true}
                      binary: {integration: {type: http, uri: "http://${stageVariables.backend}/binary"}, route-response: true}
                      extra: {integration: {type: http, uri: "http://${stageVariables.backend}/extra"}, route-response: true}
                      objectbody: {integration: {type: http, uri: "http://${stageVariables.backend}/objectbody"}, route-response: true}
                      notjson: {integration: {type: http, uri: "http://${stageVariables.backend}/notjson"}, route-response: true}
                      empty: {integration: {type: http, uri: "http://${stageVariables.backend}/empty"}, route-response: true}
                      error: {integration: {type: http, uri: "http://${stageVariables.backend}/error"}, route-response: true}
                      down: {integration: {type: http, uri: "http://127.0.0.1:1/nothing", timeout: 2s}, route-response: true}
                """, Map.of("BACKEND_HOSTPORT", backend.url().substring("http://".length())));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    @Test
    void connectPostsTheEventWithConfiguredHeadersAndRejectsWithTheAnsweredStatus() {
        assertThat(TestWsClient.refusedStatus(gateway.ws("http?deny=1"), Map.of())).isEqualTo(401);
        TestBackend.Request request = backend.await(r -> r.body().contains("\"deny\""));
        assertThat(request.path()).isEqualTo("/connect");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(request.headers().getFirst("X-Secret")).isEqualTo("abc");
        assertThat(request.json().path("requestContext").path("eventType").asString()).isEqualTo("CONNECT");
    }

    @Test
    void theProxyResponseBodyGoesBackWhateverItsStatus() {
        try (TestWsClient client = gateway.connect("http")) {
            client.send("{\"action\":\"echo\"}");
            assertThat(client.next()).isEqualTo("echo:{\"action\":\"echo\"}");
        }
    }

    @Test
    void aBase64BodyIsSentAsABinaryFrame() {
        try (TestWsClient client = gateway.connect("http")) {
            client.send("{\"action\":\"binary\"}");
            assertThat(client.nextBinary()).containsExactly(9, 8, 7);
        }
    }

    @Test
    void anEmptyAnswerIsASuccessWithNothingToSend() {
        try (TestWsClient client = gateway.connect("http")) {
            client.send("{\"action\":\"empty\"}");
            client.send("{\"action\":\"echo\"}");
            assertThat(client.next()).startsWith("echo:");
        }
    }

    @Test
    void invalidAnswersAndFailuresGiveInternalServerError() {
        try (TestWsClient client = gateway.connect("http")) {
            for (String action : new String[] {"extra", "objectbody", "notjson", "error", "down"}) {
                client.send("{\"action\":\"" + action + "\"}");
                assertThat(client.next()).as(action).startsWith("{\"message\": \"Internal server error\", ");
            }
        }
    }
}
