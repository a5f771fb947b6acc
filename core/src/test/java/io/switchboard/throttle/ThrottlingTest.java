package io.switchboard.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.EventType;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Token buckets per stage, route, connection and node. The rates are tiny (one token in 1000 s) so that nothing
 * refills while a test runs: what passes is exactly the burst.
 */
class ThrottlingTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static final Pattern THROTTLED = Pattern.compile(
            "\\{\"message\": \"Too Many Requests\", \"connectionId\":\"([^\"]+)\", \"requestId\":\"[^\"]+\"}");
    private static final String RECORD = "{type: function, handler: recording}";

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: routes
                    stage: routes
                    routes:
                      $default: {integration: %1$s, route-response: true}
                      slow: {integration: %1$s, route-response: true, throttling: {rate-limit: 0.001, burst-limit: 2}}
                  - name: stagecap
                    stage: stagecap
                    throttling: {rate-limit: 0.001, burst-limit: 3}
                    routes:
                      $default: {integration: {type: mock, response-template: ok}, route-response: true}
                  - name: perconn
                    stage: perconn
                    throttling: {per-connection: {rate-limit: 0.001, burst-limit: 3}}
                    routes:
                      $default: {integration: {type: mock, response-template: ok}, route-response: true}
                  - name: connects
                    stage: connects
                    routes:
                      $connect: {throttling: {rate-limit: 0.001, burst-limit: 2}}
                      $default: {integration: {type: mock, response-template: ok}, route-response: true}
                """.formatted(RECORD), HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aRouteOverItsLimitAnswersWithAwsErrorFrameAndItsIntegrationNeverSeesTheMessage() {
        try (TestWsClient client = gateway.connect("routes")) {
            for (int i = 0; i < 5; i++) {
                client.send("{\"action\":\"slow\",\"n\":" + i + "}");
            }
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                replies.add(client.next());
            }
            assertThat(replies.stream().filter(r -> r.startsWith("{\"action\""))).hasSize(2);
            List<String> throttled = replies.stream().filter(r -> THROTTLED.matcher(r).matches()).toList();
            assertThat(throttled).hasSize(3);
            client.send("{\"action\":\"other\",\"marker\":true}"); // $default is not limited
            assertThat(client.next()).contains("marker");

            String id = THROTTLED.matcher(throttled.get(0)).results().findFirst().orElseThrow().group(1);
            int slowCalls = 0;
            RouteEvent event;
            do {
                event = RECORDER.await("routes", e -> e.eventType() == EventType.MESSAGE
                        && e.connectionId().equals(id));
                slowCalls += event.routeKey().equals("slow") ? 1 : 0;
            } while (!event.body().orElse("").contains("marker"));
            assertThat(slowCalls).as("messages the integration received").isEqualTo(2);
        }
    }

    @Test
    void theStageBucketCountsConnectsAndMessagesAndRefusesConnectsWith429() {
        try (TestWsClient client = gateway.connect("stagecap")) { // token 1
            client.send("a").send("b").send("c"); // tokens 2 and 3, then none
            assertThat(client.next()).isEqualTo("ok");
            assertThat(client.next()).isEqualTo("ok");
            assertThat(client.next()).matches(THROTTLED);
        }
        assertThat(TestWsClient.refusedStatus(gateway.ws("stagecap"), Map.of())).isEqualTo(429);
    }

    @Test
    void eachConnectionHasItsOwnBucket() {
        try (TestWsClient first = gateway.connect("perconn"); TestWsClient second = gateway.connect("perconn")) {
            for (TestWsClient client : List.of(first, second)) {
                client.send("1").send("2").send("3").send("4");
                assertThat(client.next()).isEqualTo("ok");
                assertThat(client.next()).isEqualTo("ok");
                assertThat(client.next()).isEqualTo("ok");
                assertThat(client.next()).matches(THROTTLED);
            }
        }
    }

    @Test
    void theConnectRouteBucketRefusesUpgradesWith429() {
        try (TestWsClient a = gateway.connect("connects"); TestWsClient b = gateway.connect("connects")) {
            assertThat(TestWsClient.refusedStatus(gateway.ws("connects"), Map.of())).isEqualTo(429);
            a.send("still served");
            assertThat(a.next()).isEqualTo("ok");
        }
    }

    @Test
    void newConnectionsPerNodeAreLimitedAcrossApis() {
        try (TestGateway node = TestGateway.start("""
                server: {connect-throttling: {rate-limit: 0.001, burst-limit: 2}}
                apis:
                  - {name: a, stage: a, routes: {$default: {integration: {type: mock}}}}
                  - {name: b, stage: b, routes: {$default: {integration: {type: mock}}}}
                """);
             TestWsClient a = node.connect("a");
             TestWsClient b = node.connect("b")) {
            assertThat(TestWsClient.refusedStatus(node.ws("a"), Map.of())).isEqualTo(429);
            assertThat(node.get("/healthz").statusCode()).isEqualTo(200);
        }
    }
}
