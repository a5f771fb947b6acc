package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Handlers;
import io.switchboard.handler.QueueMessage;
import io.switchboard.testing.TestCluster;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every master of a Redis Cluster failed over to its replica under two gateways: afterwards, with no restart, a post
 * still crosses from one gateway to a connection on the other (the node channels were subscribed again on the new
 * masters), new connections are stored, and a queued message is still there and wakes a long poll. Prints what it
 * did and what it saw.
 */
class RedisClusterFailoverTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String YAML = """
            server: {node-heartbeat: 200ms, node-expiry: 10s}
            apis:
              - name: chat
                stage: chat
                routes:
                  whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                connections: {user-id: $request.querystring.user}
                queues:
                  jobs: {}
            """;

    @Test
    void gatewaysFollowAFailoverOfEveryMaster() throws Exception {
        try (RedisClusterProcess redis = RedisClusterProcess.startWithReplicas()) {
            RedisSettings settings = redis.settings(TestPrefixes.fresh());
            try (TestCluster cluster = TestCluster.start(2, YAML, Handlers.none(),
                    node -> context -> new RedisEngine(settings, context), () -> {
                    })) {
                TestGateway a = cluster.node(0);
                TestGateway b = cluster.node(1);
                TestWsClient onB = b.connect("chat?user=ben");
                String ben = idOf(onB);
                assertThat(call(a, "POST", "/chat/@queues/jobs/messages", "{\"body\":\"before\"}").statusCode())
                        .isEqualTo(200);
                assertThat(call(a, "POST", "/chat/@connections/" + ben, "hello").statusCode()).isEqualTo(200);
                assertThat(onB.next()).isEqualTo("hello");

                long started = System.nanoTime();
                List<Integer> promoted = redis.failOverEveryMaster();
                System.out.printf("RedisClusterFailoverTest: %s promoted in %d ms%n", promoted,
                        Duration.ofNanos(System.nanoTime() - started).toMillis());

                // At once: a post is sent again while the target's channel is being subscribed on its new master.
                HttpResponse<String> post = call(a, "POST", "/chat/@connections/" + ben, "after");
                assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
                assertThat(onB.next()).isEqualTo("after");
                System.out.printf("RedisClusterFailoverTest: a post crossed the gateways again %d ms after the "
                        + "failover began%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
                TestWsClient onA = a.connect("chat?user=ann");
                String ann = idOf(onA);
                assertThat(call(b, "GET", "/chat/@connections/" + ann, "").statusCode()).isEqualTo(200);
                List<QueueMessage> jobs = b.server().gateway().realtime().queues().receive("chat", "jobs", 10,
                        Duration.ofSeconds(2), Optional.of(Duration.ofMinutes(1))).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                assertThat(jobs).extracting(QueueMessage::body).containsExactly("before");
                var waiting = b.server().gateway().realtime().queues().receive("chat", "jobs", 10,
                        Duration.ofSeconds(15), Optional.of(Duration.ofMinutes(1))).toCompletableFuture();
                Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true); // the poll waits
                long sent = System.nanoTime();
                assertThat(call(a, "POST", "/chat/@queues/jobs/messages", "{\"body\":\"later\"}").statusCode())
                        .isEqualTo(200);
                assertThat(waiting.get(10, TimeUnit.SECONDS)).extracting(QueueMessage::body).containsExactly("later");
                System.out.printf("RedisClusterFailoverTest: a long poll on the other gateway got a new message "
                        + "%d ms after its send%n", Duration.ofNanos(System.nanoTime() - sent).toMillis());
                assertThat(onB.isClosed()).isFalse();
            }
        }
    }

    private static String idOf(TestWsClient client) {
        return client.send("{\"action\":\"whoami\"}").next();
    }

    private static HttpResponse<String> call(TestGateway node, String method, String path, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.server().httpUri() + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
