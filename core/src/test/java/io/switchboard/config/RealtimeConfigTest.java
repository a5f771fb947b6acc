package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code connections}, {@code presence}, {@code topics} and {@code queues} keys of an API: DESIGN §3's example,
 * SQS's defaults, and every reference checked against the API's own topics and queues.
 */
class RealtimeConfigTest {
    private static final String ROUTES = """
                routes:
                  ping: {integration: {type: mock, response-template: pong}}
            """;

    private static SwitchboardConfig parse(String yaml) {
        return ConfigLoader.withEnvironment(Map.of()).parse(yaml);
    }

    private static List<String> problems(String api) {
        try {
            parse("apis:\n  - name: a\n    stage: s\n" + api);
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("the configuration was accepted");
    }

    @Test
    void readsTheDesignExample() {
        ApiConfig api = parse("""
                apis:
                  - name: videochat
                    stage: production
                    routes:
                      publish: {integration: {type: topic, topic: messages, message: $request.body.message}}
                      send: {integration: {type: queue, queue: messages, message: $request.body.message, delay: 2s}}
                    connections: {user-id: $context.authorizer.principalId, ttl: 2h}
                    presence: {topic: messages}
                    topics:
                      messages: {subscribers: [{queue: messages-audit}, {http: "http://127.0.0.1:3000/hooks/messages"}]}
                      notifications: {subscribers: [{pusher: true}], dead-letter-queue: messages-dlq}
                    queues:
                      messages: {visibility-timeout: 30s, retention: 4d, max-receive-count: 5, dead-letter-queue: messages-dlq}
                      messages-dlq: {}
                      messages-audit: {consumer: {pusher: true, batch-size: 10, maximum-batching-window: 0s}}
                """).apis().get(0);
        RealtimeConfig realtime = api.realtime();
        assertThat(realtime.connections().ttl()).isEqualTo(Duration.ofHours(2));
        assertThat(realtime.connections().userId().toString()).isEqualTo("$context.authorizer.principalId");
        assertThat(realtime.presence().topic()).hasValue("messages");
        assertThat(realtime.topics().get("messages").subscribers()).hasSize(2)
                .satisfies(s -> assertThat(s.get(0)).isEqualTo(new SubscriberConfig.Queue("messages-audit")))
                .satisfies(s -> assertThat(s.get(1)).isInstanceOfSatisfying(SubscriberConfig.Http.class, h -> {
                    assertThat(h.uri().toString()).isEqualTo("http://127.0.0.1:3000/hooks/messages");
                    assertThat(h.retry()).isEqualTo(RetryConfig.DEFAULTS);
                    assertThat(h.timeout()).isEqualTo(Duration.ofSeconds(15));
                }));
        assertThat(realtime.topics().get("notifications").deadLetterQueue()).hasValue("messages-dlq");
        QueueConfig messages = realtime.queues().get("messages");
        assertThat(messages.maxReceiveCount()).isEqualTo(5);
        assertThat(messages.retention()).isEqualTo(Duration.ofDays(4));
        assertThat(realtime.queues().get("messages-audit").consumer()).hasValue(
                new ConsumerConfig(Optional.empty(), true, 10, Duration.ZERO, 1));
        assertThat(api.routes().get("send").integration()).get().isInstanceOfSatisfying(IntegrationConfig.Queue.class,
                q -> assertThat(q.delay()).hasValue(Duration.ofSeconds(2)));
    }

    @Test
    void defaultsAreSqsAndTheConnectionsTtlFollowsTheMaximumDuration() {
        ApiConfig api = parse("""
                apis:
                  - name: a
                    stage: s
                    limits: {max-connection-duration: 6h}
                    routes:
                      send: {integration: {type: queue, queue: q}}
                    queues:
                      q: {}
                """).apis().get(0);
        QueueConfig q = api.realtime().queues().get("q");
        assertThat(q.visibilityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(q.retention()).isEqualTo(Duration.ofDays(4));
        assertThat(q.delay()).isZero();
        assertThat(q.maxReceiveCount()).isZero();
        assertThat(q.messageBytes()).isEqualTo(256 * 1024);
        assertThat(api.realtime().connections().ttl()).isEqualTo(Duration.ofHours(6));
        assertThat(api.realtime().presence()).isEqualTo(PresenceConfig.DEFAULTS);
        assertThat(((IntegrationConfig.Queue) api.routes().get("send").integration().orElseThrow()).message()
                .toString()).isEqualTo("$request.body.message");
    }

    @Test
    void everyReferenceMustNameSomethingOfTheSameApi() {
        assertThat(problems("""
                    routes:
                      publish: {integration: {type: topic, topic: nope}}
                      send: {integration: {type: queue, queue: nada}}
                    presence: {topic: missing}
                    topics:
                      t: {subscribers: [{queue: gone}], dead-letter-queue: dead}
                    queues:
                      q: {dead-letter-queue: absent}
                """)).containsExactlyInAnyOrder(
                "apis[0].presence.topic: no topic 'missing' in this API's topics (it has t)",
                "apis[0].topics.t.dead-letter-queue: no queue 'dead' in this API's queues (it has q)",
                "apis[0].topics.t.subscribers[0].queue: no queue 'gone' in this API's queues (it has q)",
                "apis[0].queues.q.dead-letter-queue: no queue 'absent' in this API's queues (it has q)",
                "apis[0].routes.publish.integration.topic: no topic 'nope' in this API's topics (it has t)",
                "apis[0].routes.send.integration.queue: no queue 'nada' in this API's queues (it has q)");
    }

    @Test
    void deadLetterQueuesMustNotLoopAndRedriveNeedsOne() {
        assertThat(problems(ROUTES + """
                    queues:
                      a: {dead-letter-queue: b}
                      b: {dead-letter-queue: a}
                      c: {dead-letter-queue: c}
                      d: {max-receive-count: 3}
                """)).containsExactlyInAnyOrder(
                "apis[0].queues.a.dead-letter-queue: dead-letter queues must not form a loop (a comes back to itself)",
                "apis[0].queues.b.dead-letter-queue: dead-letter queues must not form a loop (b comes back to itself)",
                "apis[0].queues.c.dead-letter-queue: a queue cannot be its own dead-letter queue",
                "apis[0].queues.d.max-receive-count: needs a dead-letter-queue for the messages received that often");
    }

    @Test
    void badValuesAreProblemsWithTheirPaths() {
        List<String> problems = problems(ROUTES + """
                    limits: {max-connection-duration: 2h}
                    connections: {user-id: $request.body.user, ttl: 1h}
                    presence: {topic: t, queue: q}
                    topics:
                      "bad name!": {}
                      t:
                        subscribers:
                          - {queue: q, http: "http://x"}
                          - {http: "ftp://x"}
                          - {handler: "not a class"}
                          - {http: "http://x", retries: 500, retry-delay: 2s, max-retry-delay: 1s}
                    queues:
                      q: {visibility-timeout: 13h, retention: 15d, delay: 16m, message-bytes: 1MB,
                          consumer: {handler: com.example.Consumer, pusher: true, batch-size: 0}}
                """);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("apis[0].connections.user-id: "
                + "'$request.body.user' is not a user id expression"));
        assertThat(problems).contains(
                "apis[0].connections.ttl: must be at least limits.max-connection-duration (2h), or open connections "
                        + "would be pruned",
                "apis[0].presence.queue: presence goes to a topic or a queue, not both",
                "apis[0].topics.bad name!: a name has 1 to 80 letters, digits, '-' or '_'",
                "apis[0].topics.t.subscribers[0]: a subscriber has exactly one of queue, http, handler or pusher",
                "apis[0].topics.t.subscribers[1].http: must be an http:// or https:// URL, not 'ftp://x'",
                "apis[0].topics.t.subscribers[2].handler: 'not a class' is not a Java class name",
                "apis[0].topics.t.subscribers[3].retries: must be between 0 and 100, not 500",
                "apis[0].topics.t.subscribers[3].max-retry-delay: must be at least retry-delay (2s)",
                "apis[0].queues.q.visibility-timeout: must be between 0s and 12h, not 13h",
                "apis[0].queues.q.retention: must be between 1s and 14d, not 15d",
                "apis[0].queues.q.delay: must be between 0s and 15m, not 16m",
                "apis[0].queues.q.message-bytes: must be between 1 and 262144 bytes, not 1MB",
                "apis[0].queues.q.consumer: a consumer has either a handler or pusher: true",
                "apis[0].queues.q.consumer.batch-size: must be between 1 and 10000, not 0");
    }

    @Test
    void checkConfigLoadsTheHandlerClassesTopicsAndConsumersName() {
        SwitchboardConfig config = parse("""
                apis:
                  - name: a
                    stage: s
                    routes:
                      ping: {integration: {type: mock, response-template: pong}}
                    topics:
                      t: {subscribers: [{handler: com.example.Missing}, {handler: io.switchboard.testing.RoomHandler}]}
                    queues:
                      q: {consumer: {handler: io.switchboard.testing.ForwardingTopicHandler}}
                """);
        assertThat(io.switchboard.ConfigChecks.problems(config)).extracting(ConfigProblem::toString).containsExactly(
                "apis[0].topics.t.subscribers[0].handler: class com.example.Missing cannot be loaded "
                        + "(java.lang.ClassNotFoundException: com.example.Missing); is its jar in server.classpath?",
                "apis[0].topics.t.subscribers[1].handler: io.switchboard.testing.RoomHandler implements neither "
                        + "io.switchboard.handler.TopicHandler nor AWS Lambda's RequestHandler<SNSEvent, …>",
                "apis[0].queues.q.consumer.handler: io.switchboard.testing.ForwardingTopicHandler implements neither "
                        + "io.switchboard.handler.QueueHandler nor AWS Lambda's RequestHandler<SQSEvent, …>");
    }

    @Test
    void routeMessagesAreRequestBodyExpressions() {
        assertThat(problems("""
                    routes:
                      publish: {integration: {type: topic, topic: t, message: $context.connectionId}}
                    topics:
                      t: {}
                """)).containsExactly("apis[0].routes.publish.integration.message: '$context.connectionId' must be "
                + "$request.body or $request.body.<path>, such as $request.body.message");
    }
}
