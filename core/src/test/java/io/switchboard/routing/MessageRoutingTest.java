package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Route selection, route responses and AWS's error frames on a live connection. */
class MessageRoutingTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+=*");
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: routes
                    stage: routes
                    throttling: {per-connection: off} # one client sends hundreds of messages at once
                    routes:
                      echo: {integration: {type: function, handler: recording}, route-response: true}
                      oneway: {integration: {type: function, handler: recording}}
                      slow: {integration: {type: function, handler: recording, timeout: 200ms}, route-response: true}
                      pong: {integration: {type: mock, response-template: pong}, route-response: true}
                  - name: fallback
                    stage: fallback
                    route-selection-expression: ${request.body.service}/${request.body.action}
                    routes:
                      chat/join: {integration: {type: mock, response-template: joined}, route-response: true}
                      $default: {integration: {type: mock, response-template: 'default:$input.body'}, route-response: true}
                """, HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void noMatchingRouteAndNoDefaultGetsAwsForbiddenFrameAndStaysOpen() {
        try (TestWsClient client = gateway.connect("routes")) {
            client.send("{\"action\":\"unknown\"}");
            String frame = client.next();
            var m = Pattern.compile("\\{\"message\": \"Forbidden\", \"connectionId\":\"(.+)\", \"requestId\":\"(.+)\"}")
                    .matcher(frame);
            assertThat(m.matches()).as(frame).isTrue();
            assertThat(m.group(1)).matches(ID);
            assertThat(m.group(2)).matches(ID).hasSize(16);
            client.send("not json at all");
            assertThat(client.next()).contains("\"Forbidden\"");
            client.send("{\"action\":\"pong\"}");
            assertThat(client.next()).isEqualTo("pong");
        }
    }

    @Test
    void routeResponseOnSendsTheBodyBackAndOffSendsNothing() {
        try (TestWsClient client = gateway.connect("routes")) {
            client.send("{\"action\":\"oneway\"}");
            client.send("{\"action\":\"echo\",\"n\":1}");
            assertThat(client.next()).isEqualTo("{\"action\":\"echo\",\"n\":1}");
            client.expectNothing(Duration.ofMillis(200));
        }
    }

    @Test
    void aThrowingHandlerGivesInternalServerErrorAndTheConnectionStaysOpen() {
        try (TestWsClient client = gateway.connect("routes")) {
            client.send("{\"action\":\"oneway\",\"do\":\"throw\"}");
            assertThat(client.next()).matches("\\{\"message\": \"Internal server error\", \"connectionId\":\"[^\"]+\", "
                    + "\"requestId\":\"[^\"]+\"}");
            client.send("{\"action\":\"echo\"}");
            assertThat(client.next()).isEqualTo("{\"action\":\"echo\"}");
        }
    }

    @Test
    void aSlowIntegrationGetsEndpointRequestTimedOut() {
        try (TestWsClient client = gateway.connect("routes")) {
            client.send("{\"action\":\"slow\",\"do\":\"sleep:1500\"}");
            assertThat(client.next()).startsWith("{\"message\": \"Endpoint request timed out\", \"connectionId\":\"");
            client.expectNothing(Duration.ofMillis(1600)); // the late answer is dropped
        }
    }

    @Test
    void selectionWithStaticTextAndDefaultFallbacks() {
        try (TestWsClient client = gateway.connect("fallback")) {
            client.send("{\"service\":\"chat\",\"action\":\"join\"}");
            assertThat(client.next()).isEqualTo("joined");
            client.send("{\"service\":\"chat\",\"action\":\"leave\"}");
            assertThat(client.next()).isEqualTo("default:{\"service\":\"chat\",\"action\":\"leave\"}");
            client.send("plain text");
            assertThat(client.next()).isEqualTo("default:plain text");
            client.send("{\"service\":\"$connect\"}");
            assertThat(client.next()).startsWith("default:");
        }
    }

    @Test
    void messagesOfOneConnectionAreHandledInOrder() {
        try (TestWsClient client = gateway.connect("routes")) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String message = "{\"action\":\"" + (i % 3 == 0 ? "pong" : "echo") + "\",\"i\":" + i + "}";
                sent.add(i % 3 == 0 ? "pong" : message);
                client.send(message);
            }
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                received.add(client.next());
            }
            assertThat(received).containsExactlyElementsOf(sent);
        }
    }
}
