package io.switchboard.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.json.Json;
import io.switchboard.testing.TestGateway;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The queue calls over HTTP: their shapes, SQS's limits as 400s, and the errors AWS SDK users expect. */
class QueuesApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: q
                    stage: q
                    routes:
                      ping: {integration: {type: mock, response-template: pong}}
                    queues:
                      jobs: {message-bytes: 1KB}
                      polled: {}
                      delayed: {}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> call(String method, String path, String body) {
        return gateway.call(method, "/q" + path, body);
    }

    private static JsonNode receiveOne(String queue, String query) throws Exception {
        HttpResponse<String> got = call("GET", "/@queues/" + queue + "/messages" + query, null);
        assertThat(got.statusCode()).isEqualTo(200);
        JsonNode messages = Json.MAPPER.readTree(got.body()).get("messages");
        assertThat(messages.size()).as(got.body()).isEqualTo(1);
        return messages.get(0);
    }

    @Test
    void sendReceiveChangeVisibilityAndDelete() throws Exception {
        HttpResponse<String> sent = call("POST", "/@queues/jobs/messages",
                "{\"body\":{\"job\":42},\"attributes\":{\"priority\":1,\"urgent\":true}}");
        assertThat(sent.statusCode()).isEqualTo(200);
        String id = Json.MAPPER.readTree(sent.body()).get("message_id").asString();
        JsonNode first = receiveOne("jobs", "?visibility_timeout=600");
        assertThat(first.get("message_id").asString()).isEqualTo(id);
        assertThat(first.get("body").asString()).isEqualTo("{\"job\":42}");
        assertThat(first.get("attributes").get("priority").asString()).isEqualTo("1");
        assertThat(first.get("attributes").get("urgent").asString()).isEqualTo("true");
        assertThat(first.get("sent_timestamp").asLong()).isPositive();
        assertThat(first.has("dead_letter_source")).isFalse();
        assertThat(Json.MAPPER.readTree(call("GET", "/@queues/jobs", null).body()).get("in_flight").asInt())
                .isEqualTo(1);
        String firstReceipt = first.get("receipt_handle").asString();
        assertThat(call("POST", "/@queues/jobs/messages/" + firstReceipt + "/visibility",
                "{\"visibility_timeout\":0}").statusCode()).isEqualTo(204);
        JsonNode second = receiveOne("jobs", "?max_messages=10");
        assertThat(second.get("receive_count").asInt()).isEqualTo(2);
        HttpResponse<String> stale = call("POST", "/@queues/jobs/messages/" + firstReceipt + "/visibility",
                "{\"visibility_timeout\":5}");
        assertThat(stale.statusCode()).isEqualTo(410);
        assertThat(stale.headers().firstValue("x-amzn-ErrorType")).hasValue("ReceiptHandleIsInvalid");
        assertThat(call("DELETE", "/@queues/jobs/messages/" + second.get("receipt_handle").asString(), null)
                .statusCode()).isEqualTo(204);
        assertThat(call("GET", "/@queues/jobs", null).body())
                .isEqualTo("{\"queue\":\"jobs\",\"visible\":0,\"in_flight\":0,\"delayed\":0}");
    }

    @Test
    void aDelayedMessageIsCountedButNotReceivedYet() throws Exception {
        assertThat(call("POST", "/@queues/delayed/messages", "{\"body\":\"later\",\"delay_seconds\":900}")
                .statusCode()).isEqualTo(200);
        assertThat(call("GET", "/@queues/delayed/messages", null).body()).isEqualTo("{\"messages\":[]}");
        assertThat(Json.MAPPER.readTree(call("GET", "/@queues/delayed", null).body()).get("delayed").asInt())
                .isEqualTo(1);
    }

    @Test
    void aClientThatHangsUpDuringALongPollLeavesTheNextMessageToOthers() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /q/@queues/polled/messages?wait_seconds=20 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        // A second long poll, queued behind the first if that one were still waiting.
        CompletableFuture<HttpResponse<String>> polling = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(
                gateway.server().httpUri() + "/q/@queues/polled/messages?wait_seconds=20")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        QueueService queues = gateway.server().gateway().realtime().queues();
        await().until(() -> {
            queues.send("q", "polled", NewMessage.of("for whoever asks next", Map.of())).toCompletableFuture().join();
            return polling.isDone() || queues.stats("q", "polled").toCompletableFuture().join().total() > 20;
        });
        JsonNode got = Json.MAPPER.readTree(polling.get(5, TimeUnit.SECONDS).body()).get("messages").get(0);
        assertThat(got.get("body").asString()).isEqualTo("for whoever asks next");
        assertThat(got.get("receive_count").asInt()).isEqualTo(1);
        assertThat(queues.stats("q", "polled").toCompletableFuture().join().inFlight())
                .as("nothing went to the poll that hung up").isEqualTo(1);
    }

    @Test
    void badCallsAreRefusedWithTheRightStatus() throws Exception {
        HttpResponse<String> unknown = call("GET", "/@queues/nope/messages", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).hasValue("NotFoundException");
        assertThat(call("GET", "/@queues/jobs/messages?max_messages=11", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/@queues/jobs/messages?wait_seconds=21", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/@queues/jobs/messages?visibility_timeout=soon", null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/@queues/jobs/messages", "{\"text\":\"no body\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/@queues/jobs/messages", "{\"body\":\"x\",\"delay_seconds\":901}").statusCode())
                .isEqualTo(400);
        assertThat(call("POST", "/@queues/jobs/messages", "{\"body\":\"" + "x".repeat(1100) + "\"}").statusCode())
                .isEqualTo(413);
        assertThat(call("POST", "/@queues/jobs/messages/r/visibility", "{}").statusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/@queues/jobs/messages/never-issued", null).statusCode()).isEqualTo(410);
        assertThat(call("PUT", "/@queues/jobs/messages", "{}").statusCode()).isEqualTo(405);
        assertThat(call("GET", "/@queues/jobs/elsewhere", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/@queues/jobs/messages/r/visibility/more", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/@queues", null).statusCode()).isEqualTo(404);
    }
}
