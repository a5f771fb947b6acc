package io.switchboard.proxies;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reverse proxy on the same host relays everyone's requests from loopback. Without {@code server.trusted-proxies},
 * a request that carries {@code Forwarded}, {@code X-Forwarded-For} or {@code X-Real-IP} never counts as local: the
 * unsigned management API and the development issuer's token endpoint refuse it. With the proxy listed, the client's
 * address is the one the proxy reports (the right-most address the trusted proxies did not add), for the local check
 * and for {@code identity.sourceIp} in events.
 */
class TrustedProxiesTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    @TempDir
    static Path dir;
    private static TestGateway untrusting;
    private static TestGateway behindProxy;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        String yaml = """
                server: {trusted-proxies: [%s]}
                dev-issuer: {enabled: true, key-file: "%s"}
                apis:
                  - name: %s
                    stage: %s
                    routes:
                      $connect: {integration: {type: function, handler: recording}}
                      $default: {integration: {type: mock, response-template: ok}, route-response: true}
                """;
        untrusting = TestGateway.start(yaml.formatted("", dir.resolve("a.json"), "direct", "direct"), HANDLERS);
        behindProxy = TestGateway.start(yaml.formatted("127.0.0.1, '10.0.0.0/8'", dir.resolve("b.json"), "proxied",
                "proxied"), HANDLERS);
    }

    @AfterAll
    static void stop() {
        untrusting.close();
        behindProxy.close();
    }

    private static int management(TestGateway gw, String stage, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gw.server().httpUri() + "/" + stage
                + "/@connections/AAAAAAAAAAAAAAAA")).POST(HttpRequest.BodyPublishers.ofString("hi"));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static int token(TestGateway gw, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gw.server().httpUri() + "/dev-issuer/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"alice\"}"));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void relayedRequestsAreNotLocalWithoutTrustedProxies() throws Exception {
        assertThat(management(untrusting, "direct", Map.of())).isEqualTo(410); // local, so served: the id is unknown
        for (Map<String, String> relayed : java.util.List.of(Map.of("X-Forwarded-For", "203.0.113.9"),
                Map.of("Forwarded", "for=203.0.113.9"), Map.of("X-Real-IP", "203.0.113.9"),
                Map.of("X-Forwarded-For", "127.0.0.1"), Map.of("Forwarded", "for=\"[::1]\""))) {
            assertThat(management(untrusting, "direct", relayed)).as(relayed.toString()).isEqualTo(403);
            assertThat(token(untrusting, relayed)).as(relayed.toString()).isEqualTo(403);
        }
        assertThat(token(untrusting, Map.of())).isEqualTo(200);
    }

    @Test
    void behindATrustedProxyTheReportedClientDecides() throws Exception {
        assertThat(management(behindProxy, "proxied", Map.of("X-Forwarded-For", "203.0.113.9"))).isEqualTo(403);
        assertThat(management(behindProxy, "proxied", Map.of("X-Forwarded-For", "127.0.0.1, 203.0.113.9")))
                .isEqualTo(403); // the client wrote the first address itself
        assertThat(management(behindProxy, "proxied", Map.of("Forwarded", "for=203.0.113.9;proto=https")))
                .isEqualTo(403);
        assertThat(management(behindProxy, "proxied", Map.of("X-Forwarded-For", "127.0.0.1"))).isEqualTo(410);
        assertThat(management(behindProxy, "proxied", Map.of("X-Forwarded-For", "127.0.0.1, 10.1.2.3")))
                .isEqualTo(410); // a second trusted proxy in the chain
        assertThat(management(behindProxy, "proxied", Map.of("X-Forwarded-For", "not-an-address"))).isEqualTo(403);
        assertThat(token(behindProxy, Map.of("X-Forwarded-For", "203.0.113.9"))).isEqualTo(403);
        assertThat(token(behindProxy, Map.of("X-Forwarded-For", "127.0.0.1"))).isEqualTo(200);
    }

    @Test
    void eventsCarryTheAddressTheTrustedProxyReports() {
        RECORDER.clear("proxied");
        try (TestWsClient client = TestWsClient.connect(behindProxy.ws("proxied"),
                Map.of("X-Forwarded-For", "198.51.100.7"), java.util.List.of())) {
            RouteEvent connect = RECORDER.nextFor("proxied", "$connect");
            assertThat(connect.connection().sourceIp()).isEqualTo("198.51.100.7");
        }
        RECORDER.clear("direct");
        try (TestWsClient client = TestWsClient.connect(untrusting.ws("direct"),
                Map.of("X-Forwarded-For", "198.51.100.7"), java.util.List.of())) {
            RouteEvent connect = RECORDER.nextFor("direct", "$connect");
            assertThat(connect.connection().sourceIp()).isEqualTo("127.0.0.1");
        }
    }
}
