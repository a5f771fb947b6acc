package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.TestBackend;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Lambda proxy event, field by field per event type (reference §2.1–§2.2), as an HTTP backend receives it.
 */
class EventFieldsTest {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    @Test
    void connectMessageAndDisconnectEventsHaveExactlyAwsFields() {
        try (TestBackend backend = TestBackend.start(r -> TestBackend.Reply.proxy("{\"statusCode\":200}"));
             TestGateway gw = TestGateway.start("""
                     server: {domain-name: ws.example.com}
                     apis:
                       - name: fields
                         stage: fields
                         stage-variables: {color: blue}
                         routes:
                           $connect: {integration: {type: http, uri: "${BACKEND}/connect"}}
                           $disconnect: {integration: {type: http, uri: "${BACKEND}/disconnect"}}
                           say: {integration: {type: http, uri: "${BACKEND}/say"}}
                     """, Map.of("BACKEND", backend.url()))) {
            long before = System.currentTimeMillis();
            String connectionId;
            try (TestWsClient client = TestWsClient.connect(gw.ws("fields?room=r1&room=r2&token=x"),
                    Map.of("User-Agent", "fields-test/1.0", "X-Custom", "yes"), List.of())) {
                JsonNode connect = backend.next().json();
                JsonNode ctx = connect.get("requestContext");
                connectionId = ctx.get("connectionId").asString();
                assertThat(connectionId).matches("[A-Za-z0-9_-]{23}=");
                assertThat(ctx.get("eventType").asString()).isEqualTo("CONNECT");
                assertThat(ctx.get("routeKey").asString()).isEqualTo("$connect");
                assertThat(ctx.has("messageId")).isFalse();
                assertThat(ctx.get("requestId").asString()).isEqualTo(ctx.get("extendedRequestId").asString())
                        .matches("[A-Za-z0-9_-]{15}=");
                assertThat(ctx.get("messageDirection").asString()).isEqualTo("IN");
                assertThat(ctx.get("stage").asString()).isEqualTo("fields");
                assertThat(ctx.get("apiId").asString()).isEqualTo("fields");
                assertThat(ctx.get("domainName").asString()).isEqualTo("ws.example.com");
                assertThat(ctx.get("identity").get("sourceIp").asString()).isEqualTo("127.0.0.1");
                assertThat(ctx.get("identity").get("userAgent").asString()).isEqualTo("fields-test/1.0");
                long connectedAt = ctx.get("connectedAt").asLong();
                assertThat(connectedAt).isBetween(before, System.currentTimeMillis());
                assertThat(ctx.get("requestTimeEpoch").asLong()).isEqualTo(connectedAt);
                assertThat(ZonedDateTime.parse(ctx.get("requestTime").asString(), CLF).toInstant().toEpochMilli())
                        .isEqualTo(connectedAt / 1000 * 1000);
                assertThat(ctx.get("requestTime").asString()).endsWith(" +0000");
                assertThat(connect.get("headers").get("X-Custom").asString()).isEqualTo("yes");
                assertThat(connect.get("headers").get("Sec-WebSocket-Key").asString()).isNotEmpty();
                assertThat(connect.get("headers").get("X-Forwarded-For").asString()).isEqualTo("127.0.0.1");
                assertThat(connect.get("headers").get("X-Forwarded-Proto").asString()).isEqualTo("http");
                assertThat(connect.get("headers").get("X-Forwarded-Port").asString())
                        .isEqualTo(Integer.toString(gw.port()));
                assertThat(connect.get("headers").has("Connection")).isFalse();
                assertThat(connect.get("multiValueHeaders").get("X-Custom").get(0).asString()).isEqualTo("yes");
                assertThat(connect.get("queryStringParameters").get("room").asString()).isEqualTo("r2");
                assertThat(connect.get("multiValueQueryStringParameters").get("room").toString())
                        .isEqualTo("[\"r1\",\"r2\"]");
                assertThat(connect.get("stageVariables").get("color").asString()).isEqualTo("blue");
                assertThat(connect.has("body")).isFalse();
                assertThat(connect.get("isBase64Encoded").asBoolean()).isFalse();

                client.send("{\"action\":\"say\",\"text\":\"hi\"}");
                JsonNode message = backend.next().json();
                JsonNode mctx = message.get("requestContext");
                assertThat(mctx.get("eventType").asString()).isEqualTo("MESSAGE");
                assertThat(mctx.get("routeKey").asString()).isEqualTo("say");
                assertThat(mctx.get("messageId").asString()).matches("[A-Za-z0-9_-]{15}=")
                        .isNotEqualTo(mctx.get("requestId").asString());
                assertThat(mctx.get("connectedAt").asLong()).isEqualTo(connectedAt);
                assertThat(mctx.get("requestTimeEpoch").asLong()).isGreaterThanOrEqualTo(connectedAt);
                assertThat(mctx.get("connectionId").asString()).isEqualTo(connectionId);
                assertThat(message.get("body").asString()).isEqualTo("{\"action\":\"say\",\"text\":\"hi\"}");
                assertThat(message.has("headers")).isFalse();
                assertThat(message.has("queryStringParameters")).isFalse();
                assertThat(message.get("isBase64Encoded").asBoolean()).isFalse();
                client.close(4001, "bye now");
                client.awaitClose();
            }
            JsonNode disconnect = backend.next().json();
            JsonNode dctx = disconnect.get("requestContext");
            assertThat(dctx.get("eventType").asString()).isEqualTo("DISCONNECT");
            assertThat(dctx.get("routeKey").asString()).isEqualTo("$disconnect");
            assertThat(dctx.get("disconnectStatusCode").asInt()).isEqualTo(4001);
            assertThat(dctx.get("disconnectReason").asString()).isEqualTo("bye now");
            assertThat(dctx.has("messageId")).isFalse();
            assertThat(dctx.get("connectionId").asString()).isEqualTo(connectionId);
            assertThat(disconnect.get("headers").get("Host").asString()).isEqualTo("127.0.0.1:" + gw.port());
            assertThat(disconnect.get("headers").get("x-api-key").asString()).isEmpty();
            assertThat(disconnect.get("headers").get("X-Forwarded-For").asString()).isEmpty();
            assertThat(disconnect.get("headers").get("x-restapi").asString()).isEmpty();
            assertThat(disconnect.has("body")).isFalse();
            assertThat(disconnect.has("queryStringParameters")).isFalse();
        }
    }

    @Test
    void withoutAQueryStringTheEventHasNone() {
        try (TestBackend backend = TestBackend.start(r -> TestBackend.Reply.proxy(""));
             TestGateway gw = TestGateway.start("""
                     apis:
                       - name: noquery
                         stage: noquery
                         routes:
                           $connect: {integration: {type: http, uri: "${BACKEND}/connect"}}
                           $default: {integration: {type: mock}}
                     """, Map.of("BACKEND", backend.url()));
             TestWsClient client = gw.connect("noquery")) {
            JsonNode connect = backend.next().json();
            assertThat(connect.has("queryStringParameters")).isFalse();
            assertThat(connect.has("multiValueQueryStringParameters")).isFalse();
            assertThat(connect.has("stageVariables")).isFalse();
            assertThat(connect.get("requestContext").get("domainName").asString())
                    .isEqualTo("127.0.0.1:" + gw.port());
        }
    }
}
