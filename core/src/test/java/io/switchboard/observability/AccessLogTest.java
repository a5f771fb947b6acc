package io.switchboard.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.handler.Handlers;
import io.switchboard.json.Json;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** One JSON line per connect, message and disconnect; credentials never reach any log, at any level. */
class AccessLogTest {
    private static final String SENTINEL = "SENTINEL-7f3a9c2e1b";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Map<String, Level> saved = new java.util.HashMap<>();
    private final Recorder recorder = new Recorder();
    private final Handlers handlers = Handlers.builder()
            .route("recording", new RecordingHandler(recorder))
            .build();

    @BeforeEach
    void captureEverything() {
        captured.start();
        root.addAppender(captured);
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.switchboard", AccessLog.LOGGER, "io.netty")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            saved.put(name, logger.getLevel());
            logger.setLevel(Level.TRACE);
        }
    }

    @AfterEach
    void restore() {
        root.detachAppender(captured);
        saved.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    @Test
    void writesOneLinePerEventAndNoSecrets() {
        try (TestGateway gw = TestGateway.start("""
                apis:
                  - name: logged
                    stage: logged
                    routes:
                      $connect: {integration: {type: function, handler: recording}}
                      echo: {integration: {type: function, handler: recording}, route-response: true}
                """, handlers)) {
            String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ." + SENTINEL;
            try (TestWsClient client = TestWsClient.connect(
                    gw.ws("logged?token=" + SENTINEL + "&room=lobby&auth=" + jwt + "&code=" + SENTINEL),
                    Map.of("Authorization", "Bearer " + SENTINEL, "X-Api-Key", SENTINEL), List.of())) {
                client.send("{\"action\":\"echo\"}");
                client.next();
                client.send("{\"action\":\"missing\"}");
                client.next();
                client.close(1000, "bye");
                client.awaitClose();
            }
            List<JsonNode> lines = awaitAccessLines(4);
            JsonNode connect = lines.get(0);
            assertThat(connect.get("eventType").asString()).isEqualTo("CONNECT");
            assertThat(connect.get("routeKey").asString()).isEqualTo("$connect");
            assertThat(connect.get("status").asInt()).isEqualTo(200);
            assertThat(connect.get("integrationLatency").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(connect.get("path").asString()).startsWith("/logged?token=REDACTED&room=lobby&auth=REDACTED");
            assertThat(connect.get("connectionId").asString()).isNotEmpty();
            assertThat(connect.get("requestId").asString()).isNotEmpty();
            JsonNode message = lines.get(1);
            assertThat(message.get("eventType").asString()).isEqualTo("MESSAGE");
            assertThat(message.get("routeKey").asString()).isEqualTo("echo");
            assertThat(message.get("status").asInt()).isEqualTo(200);
            assertThat(message.get("messageId").asString()).isNotEmpty();
            JsonNode forbidden = lines.get(2);
            assertThat(forbidden.get("status").asInt()).isEqualTo(403);
            assertThat(forbidden.get("error").asString()).isEqualTo("Forbidden");
            JsonNode disconnect = lines.get(3);
            assertThat(disconnect.get("eventType").asString()).isEqualTo("DISCONNECT");
            assertThat(disconnect.get("disconnectStatusCode").asInt()).isEqualTo(1000);
            assertThat(disconnect.get("disconnectReason").asString()).isEqualTo("bye");
        }
        assertThat(captured.list).isNotEmpty();
        assertThat(captured.list).allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(SENTINEL);
            if (event.getThrowableProxy() != null) {
                assertThat(event.getThrowableProxy().getMessage()).doesNotContain(SENTINEL);
            }
        });
    }

    @Test
    void redactorKeepsHarmlessParameters() {
        assertThat(Redactor.uri("/s?room=lobby&user=ann")).isEqualTo("/s?room=lobby&user=ann");
        assertThat(Redactor.uri("/s?Authorization=x&X-Amz-Signature=y&sessionId=z"))
                .isEqualTo("/s?Authorization=REDACTED&X-Amz-Signature=REDACTED&sessionId=REDACTED");
        assertThat(Redactor.uri("/s?q=" + "a1B2".repeat(10))).isEqualTo("/s?q=REDACTED");
        assertThat(Redactor.uri("/s")).isEqualTo("/s");
    }

    @Test
    void redactorSeparatesParametersAtSemicolonsAsNettyDoes() {
        // Found by RedactorProperties: Netty's QueryStringDecoder (the upgrade's queryStringParameters) splits at ';'.
        assertThat(Redactor.uri("/s?room=lobby;token=s3cret")).isEqualTo("/s?room=lobby;token=REDACTED");
        assertThat(Redactor.uri("/s?token=&token=;token="))
                .isEqualTo("/s?token=REDACTED&token=REDACTED;token=REDACTED");
    }

    @Test
    void redactorReadsANameWithAMalformedEscape() {
        // Found by RedactorProperties (shrunk): one malformed escape made the whole name unreadable, so not a token.
        assertThat(Redactor.uri("/?toke%6E%zz=A")).isEqualTo("/?toke%6E%zz=REDACTED");
        assertThat(Redactor.uri("/?x=1&%74oken=s3cret&%=y")).isEqualTo("/?x=1&%74oken=REDACTED&%=y");
    }

    private List<JsonNode> awaitAccessLines(int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> captured.list.stream()
                .filter(e -> e.getLoggerName().equals(AccessLog.LOGGER))
                .map(e -> Json.MAPPER.readTree(e.getFormattedMessage()))
                .toList(), lines -> lines.size() >= count);
    }
}
