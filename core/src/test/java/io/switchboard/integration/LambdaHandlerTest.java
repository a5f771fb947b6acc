package io.switchboard.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import io.switchboard.testing.LambdaEchoHandler;
import io.switchboard.testing.LambdaRecorder;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Unchanged AWS Lambda handler classes as {@code function} integrations. */
class LambdaHandlerTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: lambda
                    stage: lambda
                    routes:
                      echo: {integration: {type: function, handler: io.switchboard.testing.LambdaEchoHandler}, route-response: true}
                      map: {integration: {type: function, handler: io.switchboard.testing.MapLambdaHandler}, route-response: true}
                      $default: {integration: {type: function, handler: io.switchboard.testing.StreamLambdaHandler}, route-response: true}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aRequestHandlerGetsTheAwsEventAndContext() {
        try (TestWsClient client = gateway.connect("lambda")) {
            client.send("{\"action\":\"echo\"}");
            assertThat(client.next()).isEqualTo("lambda:{\"action\":\"echo\"}");
            LambdaEchoHandler.Seen seen = LambdaRecorder.next("lambda-seen");
            APIGatewayV2WebSocketEvent event = seen.event();
            APIGatewayV2WebSocketEvent.RequestContext ctx = event.getRequestContext();
            assertThat(ctx.getRouteKey()).isEqualTo("echo");
            assertThat(ctx.getEventType()).isEqualTo("MESSAGE");
            assertThat(ctx.getMessageId()).isNotBlank();
            assertThat(ctx.getConnectionId()).endsWith("=");
            assertThat(ctx.getRequestId()).isEqualTo(seen.awsRequestId()).isEqualTo(ctx.getExtendedRequestId());
            assertThat(ctx.getStage()).isEqualTo("lambda");
            assertThat(ctx.getMessageDirection()).isEqualTo("IN");
            assertThat(ctx.getConnectedAt()).isPositive();
            assertThat(ctx.getRequestTimeEpoch()).isGreaterThanOrEqualTo(ctx.getConnectedAt());
            assertThat(ctx.getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
            assertThat(event.getBody()).isEqualTo("{\"action\":\"echo\"}");
            assertThat(event.getHeaders()).isNull();
            assertThat(seen.remainingMillis()).isBetween(1, 29_000);
            assertThat(seen.functionName()).isEqualTo("LambdaEchoHandler");
        }
    }

    @Test
    void concurrentCallsNeverShareAnInstance() throws Exception {
        List<TestWsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                clients.add(gateway.connect("lambda"));
            }
            for (int round = 0; round < 25; round++) {
                for (TestWsClient client : clients) {
                    client.send("{\"action\":\"echo\"}");
                }
            }
            for (TestWsClient client : clients) {
                for (int round = 0; round < 25; round++) {
                    assertThat(client.next()).startsWith("lambda:");
                }
            }
            // an instance used by two threads at once would count the same call number twice (a lost update)
            java.util.Set<String> instanceAndCall = new java.util.HashSet<>();
            for (int i = 0; i < 200; i++) {
                LambdaEchoHandler.Seen seen = LambdaRecorder.next("lambda-seen");
                assertThat(instanceAndCall.add(seen.instance() + "#" + seen.callsOnThisInstance())).isTrue();
            }
        } finally {
            clients.forEach(TestWsClient::close);
        }
    }

    @Test
    void aMapHandlerGetsTheEventAsJsonMaps() {
        try (TestWsClient client = gateway.connect("lambda")) {
            client.send("{\"action\":\"map\"}");
            assertThat(client.next()).isEqualTo("map:map:{\"action\":\"map\"}");
        }
    }

    @Test
    void aStreamHandlerReadsAndWritesJson() {
        try (TestWsClient client = gateway.connect("lambda")) {
            client.send("raw text");
            assertThat(client.next()).isEqualTo("stream:raw text");
            client.send("bad");
            assertThat(client.next()).startsWith("{\"message\": \"Internal server error\"");
        }
    }
}
