package io.switchboard.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.Realtime;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.QueueMessage;
import io.switchboard.handler.TopicMessage;
import io.switchboard.json.Json;
import io.switchboard.testing.FlakyTopicHandler;
import io.switchboard.testing.QueueReader;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.TestBackend;
import io.switchboard.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Topics as SNS topics: a publication reaches queue subscribers, webhooks (retried with backoff, then dead-lettered),
 * handler classes and in-process subscriptions; {@code POST @topics/{topic}} and its errors.
 */
class TopicsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    private static final Recorder RECORDER = new Recorder();
    /**
     * Registered under its class's name: a dead letter names its subscriber as configured, and
     * {@link #aSubscriberThatKeepsFailingSendsTheMessageToTheDeadLetterQueue} expects that name.
     */
    private static final Handlers HANDLERS = Handlers.builder()
            .topic("io.switchboard.testing.FlakyTopicHandler", new FlakyTopicHandler(RECORDER))
            .build();
    private static TestBackend webhook;
    private static TestGateway gateway;
    private static Realtime realtime;

    @BeforeAll
    static void start() {
        // Fails the first N attempts of a message whose text starts with "fail:N:", as a backend being redeployed.
        webhook = TestBackend.start(request -> {
            JsonNode body = request.json();
            String text = body.get("message").asString();
            int attempt = ATTEMPTS.computeIfAbsent(body.get("message_id").asString(), id -> new AtomicInteger())
                    .incrementAndGet();
            boolean fails = text.startsWith("fail:") && attempt <= Integer.parseInt(text.split(":")[1]);
            return new TestBackend.Reply(fails ? 503 : 200, fails ? "unavailable" : "");
        });
        gateway = TestGateway.start("""
                apis:
                  - name: topics
                    stage: topics
                    routes:
                      ping: {integration: {type: mock, response-template: pong}, route-response: true}
                    topics:
                      events:
                        subscribers:
                          - {queue: audit}
                          - {http: "%s/hooks/events?token=secret", headers: {X-Hook-Token: secret}, retries: 2,
                             retry-delay: 20ms, max-retry-delay: 100ms}
                          - {handler: io.switchboard.testing.FlakyTopicHandler, retries: 3, retry-delay: 20ms}
                        dead-letter-queue: dead
                      quiet: {}
                    queues:
                      audit: {}
                      dead: {}
                """.formatted(webhook.url()), HANDLERS);
        realtime = gateway.server().gateway().realtime();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        webhook.close();
    }

    private static HttpResponse<String> publish(String topic, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.server().httpUri() + "/topics/@topics/" + topic))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String publishOk(String message) throws Exception {
        HttpResponse<String> answer = publish("events", Json.MAPPER.writeValueAsString(Map.of("message", message,
                "attributes", Map.of("kind", "test", "n", 1))));
        assertThat(answer.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(answer.body()).get("message_id").asString();
    }

    private static List<TestBackend.Request> webhookCalls(String messageId, int count) {
        List<TestBackend.Request> calls = new ArrayList<>();
        while (calls.size() < count) {
            calls.add(webhook.await(r -> r.json().get("message_id").asString().equals(messageId)));
        }
        return calls;
    }

    @Test
    void aPublicationReachesTheQueueTheWebhookAndTheHandler() throws Exception {
        String id = publishOk("hello subscribers");
        QueueMessage audited = new QueueReader(gateway, "topics", "audit").find(m -> m.body().equals(
                "hello subscribers"));
        assertThat(audited.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("kind", "test", "n", "1"));
        TestBackend.Request call = webhookCalls(id, 1).get(0);
        assertThat(call.path()).isEqualTo("/hooks/events");
        assertThat(call.headers().getFirst("X-Hook-Token")).isEqualTo("secret");
        assertThat(call.headers().getFirst("X-Switchboard-Topic")).isEqualTo("events");
        assertThat(call.headers().getFirst("X-Switchboard-Delivery-Attempt")).isEqualTo("1");
        JsonNode body = call.json();
        assertThat(body.get("type").asString()).isEqualTo("Notification");
        assertThat(body.get("stage").asString()).isEqualTo("topics");
        assertThat(body.get("message").asString()).isEqualTo("hello subscribers");
        assertThat(body.get("attributes").get("kind").asString()).isEqualTo("test");
        assertThat(body.get("timestamp").asLong()).isPositive();
        TopicMessage handled = handled(id);
        assertThat(handled.body()).isEqualTo("hello subscribers");
    }

    @Test
    void aWebhookThatFailsTwiceThenSucceedsGetsTheMessageOnTheThirdAttempt() throws Exception {
        String id = publishOk("fail:2:deploying");
        List<TestBackend.Request> calls = webhookCalls(id, 3);
        assertThat(calls).extracting(c -> c.headers().getFirst("X-Switchboard-Delivery-Attempt"))
                .containsExactly("1", "2", "3");
        assertThat(calls).extracting(c -> c.json().get("message").asString()).containsOnly("fail:2:deploying");
        await().until(() -> realtime.topics().pending() == 0);
        assertThat(new QueueReader(gateway, "topics", "dead").drain()).extracting(QueueMessage::body)
                .doesNotContain("fail:2:deploying");
    }

    @Test
    void aSubscriberThatKeepsFailingSendsTheMessageToTheDeadLetterQueue() throws Exception {
        String id = publishOk("fail:9:down for good");
        assertThat(webhookCalls(id, 3)).hasSize(3); // the attempt and its two retries
        QueueReader deadLetters = new QueueReader(gateway, "topics", "dead");
        List<QueueMessage> dead = List.of(deadLetters.find(m -> m.body().startsWith("fail:9")),
                deadLetters.find(m -> m.body().startsWith("fail:9"))); // the webhook's and the handler's
        assertThat(dead).extracting(QueueMessage::body).containsOnly("fail:9:down for good");
        assertThat(dead).extracting(m -> m.attributes().get("dead_letter_subscriber")).containsExactlyInAnyOrder(
                webhook.url() + "/hooks/events", "io.switchboard.testing.FlakyTopicHandler");
        assertThat(dead).allSatisfy(m -> {
            assertThat(m.attributes()).containsEntry("dead_letter_topic", "events").containsEntry("kind", "test");
            assertThat(m.attributes().get("dead_letter_reason")).isNotBlank().doesNotContain("secret");
        });
        for (int attempt = 0; attempt < 4; attempt++) { // the handler's attempt and its three retries
            assertThat(handled(id).body()).isEqualTo("fail:9:down for good");
        }
    }

    /** The next call of the handler class for a message; calls for other messages are dropped. */
    private static TopicMessage handled(String messageId) {
        while (true) {
            TopicMessage m = RECORDER.next("topics");
            if (m.messageId().equals(messageId)) {
                return m;
            }
        }
    }

    @Test
    void inProcessSubscriptionsGetEveryMessageUntilClosed() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AutoCloseable subscription = realtime.topics().subscribe("topics", "quiet", m -> seen.add(m.body()));
        for (int i = 0; i < 50; i++) {
            realtime.topics().publish("topics", "quiet", "m" + i, Map.of()).toCompletableFuture().join();
        }
        List<String> published = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "m" + i).toList();
        await().until(() -> seen.containsAll(published));
        subscription.close();
        realtime.topics().publish("topics", "quiet", "after", Map.of()).toCompletableFuture().join();
        String marker = "marker";
        List<String> after = Collections.synchronizedList(new ArrayList<>());
        AutoCloseable second = realtime.topics().subscribe("topics", "quiet", m -> after.add(m.body()));
        realtime.topics().publish("topics", "quiet", marker, Map.of()).toCompletableFuture().join();
        await().until(() -> after.contains(marker));
        second.close();
        assertThat(seen).filteredOn(published::contains).hasSize(50); // each once
        assertThat(seen).doesNotContain("after", marker);
    }

    @Test
    void badPublicationsAreRefused() throws Exception {
        assertThat(publish("nope", "{\"message\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(publish("events", "{}").statusCode()).isEqualTo(400);
        assertThat(publish("events", "[1]").statusCode()).isEqualTo(400);
        assertThat(publish("events", "{\"message\":\"x\",\"attributes\":{\"a\":{\"nested\":1}}}").statusCode())
                .isEqualTo(400);
        StringBuilder many = new StringBuilder("{\"message\":\"x\",\"attributes\":{");
        for (int i = 0; i < 11; i++) {
            many.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"v\"");
        }
        assertThat(publish("events", many.append("}}").toString()).statusCode()).isEqualTo(400);
        HttpResponse<String> tooLarge = publish("events", Json.MAPPER.writeValueAsString(Map.of("message",
                "x".repeat(TopicService.MAX_MESSAGE_BYTES + 1))));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        HttpResponse<String> json = publish("quiet", "{\"message\":{\"users\":[\"a\"],\"data\":{\"k\":1}}}");
        assertThat(json.statusCode()).as("a JSON message is published as its text").isEqualTo(200);
    }

    @Test
    void stoppingDeadLettersDeliveriesWaitingForARetry() throws Exception {
        try (TestBackend down = TestBackend.start(r -> new TestBackend.Reply(500, "no"))) {
            TestGateway stopping = TestGateway.start("""
                    apis:
                      - name: s
                        stage: s
                        routes:
                          ping: {integration: {type: mock, response-template: pong}}
                        topics:
                          t: {subscribers: [{http: "%s/down", retry-delay: 1h, max-retry-delay: 1h}],
                              dead-letter-queue: dead}
                        queues:
                          dead: {}
                    """.formatted(down.url()));
            Realtime stack = stopping.server().gateway().realtime();
            stack.topics().publish("s", "t", "waiting for a retry", Map.of()).toCompletableFuture().join();
            down.next();
            stopping.close(); // the first attempt has failed (then it waits for its retry) or is about to
            List<QueueMessage> dead = new ArrayList<>();
            await().until(() -> dead.addAll(stack.queues().receive("s", "dead", 10, java.time.Duration.ZERO,
                    java.util.Optional.empty()).toCompletableFuture().join()));
            assertThat(dead).extracting(QueueMessage::body).containsExactly("waiting for a retry");
            assertThat(down.requests()).as("no retry after stopping").isEmpty();
        }
    }
}
