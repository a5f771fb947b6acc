package io.switchboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.QueueMessage;
import io.switchboard.json.Json;
import io.switchboard.testing.QueueReader;
import io.switchboard.testing.TestBackend;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The original stack's flows end to end, with real clients and a real backend: a client's {@code publish} reaches a
 * webhook through a topic and its {@code send} a backend polling a queue, with the gateway's attributes; a backend's
 * notification requests reach exactly their users through a topic and through a queue.
 */
class SumuStackTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestBackend backend;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(request -> new TestBackend.Reply(200, ""));
        gateway = TestGateway.start("""
                apis:
                  - name: sumu
                    stage: sumu
                    connections: {user-id: $request.querystring.user}
                    routes:
                      publish: {integration: {type: topic, topic: messages}, route-response: true}
                      send: {integration: {type: queue, queue: messages}, route-response: true}
                      raw: {integration: {type: queue, queue: raw, message: $request.body}}
                    topics:
                      messages: {subscribers: [{queue: messages-audit}, {http: "%s/hooks/messages"}]}
                      notifications: {subscribers: [{pusher: true}]}
                    queues:
                      messages: {}
                      messages-audit: {}
                      raw: {}
                      notifications: {visibility-timeout: 1s, max-receive-count: 1, dead-letter-queue: notifications-dlq,
                                      consumer: {pusher: true}}
                      notifications-dlq: {}
                """.formatted(backend.url()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        backend.close();
    }

    private static HttpResponse<String> call(String method, String path, String body) {
        return gateway.call(method, "/sumu" + path, body);
    }

    private static void assertGatewayAttributes(Map<String, String> attributes, String user, String route,
                                                long before, long after) {
        assertThat(attributes).containsEntry("user_id", user).containsEntry("source", "switchboard.route." + route);
        assertThat(Long.parseLong(attributes.get("timestamp"))).isBetween(before, after);
    }

    @Test
    void aClientsPublishReachesTheWebhookAndTheQueueOfItsTopic() throws Exception {
        try (TestWsClient alice = gateway.connect("sumu?user=alice")) {
            long before = System.currentTimeMillis();
            alice.send("{\"action\":\"publish\",\"message\":{\"type\":\"chat\",\"message\":{\"text\":\"hi\"},"
                    + "\"timestamp\":1}}");
            String messageId = Json.MAPPER.readTree(alice.next()).get("messageId").asString();
            long after = System.currentTimeMillis();
            JsonNode hook = backend.await(r -> r.path().equals("/hooks/messages")).json();
            assertThat(hook.get("message_id").asString()).isEqualTo(messageId);
            assertThat(Json.MAPPER.readTree(hook.get("message").asString()))
                    .isEqualTo(Json.MAPPER.readTree("{\"type\":\"chat\",\"message\":{\"text\":\"hi\"},\"timestamp\":1}"));
            assertGatewayAttributes(Json.MAPPER.convertValue(hook.get("attributes"),
                    new tools.jackson.core.type.TypeReference<Map<String, String>>() { }), "alice", "publish",
                    before, after);
            QueueMessage audited = new QueueReader(gateway, "sumu", "messages-audit").find(m -> m.body()
                    .contains("\"hi\""));
            assertGatewayAttributes(audited.attributes(), "alice", "publish", before, after);
        }
    }

    @Test
    void aClientsSendReachesABackendPollingTheQueueOverHttp() throws Exception {
        try (TestWsClient bob = gateway.connect("sumu?user=bob")) {
            long before = System.currentTimeMillis();
            java.util.concurrent.CompletableFuture<HttpResponse<String>> polling = HTTP.sendAsync(HttpRequest
                    .newBuilder(URI.create(gateway.server().httpUri()
                            + "/sumu/@queues/messages/messages?wait_seconds=20&max_messages=10")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            bob.send("{\"action\":\"send\",\"message\":\"plain text\"}");
            assertThat(Json.MAPPER.readTree(bob.next()).has("messageId")).isTrue();
            HttpResponse<String> received = polling.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(received.statusCode()).isEqualTo(200);
            JsonNode message = Json.MAPPER.readTree(received.body()).get("messages").get(0);
            assertThat(message.get("body").asString()).isEqualTo("plain text");
            assertThat(message.get("receive_count").asInt()).isEqualTo(1);
            assertGatewayAttributes(Map.of("user_id", message.get("attributes").get("user_id").asString(),
                    "source", message.get("attributes").get("source").asString(),
                    "timestamp", message.get("attributes").get("timestamp").asString()), "bob", "send", before,
                    System.currentTimeMillis());
            String receipt = message.get("receipt_handle").asString();
            assertThat(call("DELETE", "/@queues/messages/messages/" + receipt, null).statusCode()).isEqualTo(204);
            assertThat(call("DELETE", "/@queues/messages/messages/" + receipt, null).statusCode()).isEqualTo(410);
        }
    }

    @Test
    void aMessageWithoutTheMappedPartIsABadRequestForTheClientOnly() throws Exception {
        try (TestWsClient carol = gateway.connect("sumu?user=carol")) {
            carol.send("{\"action\":\"send\",\"text\":\"no message field\"}");
            JsonNode answer = Json.MAPPER.readTree(carol.next());
            assertThat(answer.get("message").asString()).contains("$request.body.message");
            carol.send("{\"action\":\"raw\",\"whole\":true}");
            QueueMessage raw = new QueueReader(gateway, "sumu", "raw").next();
            assertThat(raw.body()).isEqualTo("{\"action\":\"raw\",\"whole\":true}");
            assertThat(raw.attributes()).containsEntry("user_id", "carol");
        }
    }

    @Test
    void notificationRequestsThroughTheTopicAndTheQueueReachExactlyTheirUsers() throws Exception {
        try (TestWsClient dave = gateway.connect("sumu?user=dave");
             TestWsClient erin = gateway.connect("sumu?user=erin")) {
            assertThat(call("POST", "/@topics/notifications",
                    "{\"message\":{\"users\":[\"dave\"],\"data\":{\"via\":\"topic\"}}}").statusCode()).isEqualTo(200);
            assertThat(dave.next()).isEqualTo("{\"via\":\"topic\"}");
            assertThat(call("POST", "/@queues/notifications/messages",
                    "{\"body\":{\"exclude_users\":[\"dave\"],\"data\":{\"via\":\"queue\"}}}").statusCode())
                    .isEqualTo(200);
            assertThat(erin.next()).isEqualTo("{\"via\":\"queue\"}");
            assertThat(call("POST", "/@queues/notifications/messages", "{\"body\":\"not a request\"}").statusCode())
                    .isEqualTo(200);
            assertThat(new QueueReader(gateway, "sumu", "notifications-dlq").next().body())
                    .isEqualTo("not a request");
            assertThat(call("POST", "/@notifications", "{\"users\":[\"dave\",\"erin\"],\"data\":\"last\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(dave.next()).as("nothing else came before").isEqualTo("\"last\"");
            assertThat(erin.next()).isEqualTo("\"last\"");
        }
    }
}
