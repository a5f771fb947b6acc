package io.switchboard.redis;

import static io.switchboard.redis.GatewayCalls.HTTP_TIMEOUT;
import static io.switchboard.redis.GatewayCalls.call;
import static io.switchboard.redis.GatewayCalls.drain;
import static io.switchboard.redis.GatewayCalls.healthStatus;
import static io.switchboard.redis.GatewayCalls.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.QueueMessage;
import io.switchboard.testing.TestCluster;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every master of a Redis Cluster failed over to its replica under two gateways and constant traffic (posts from one
 * gateway to a connection on the other, queue sends): every call is answered 200 or 503, none slower than the HTTP
 * timeout, every acknowledged post reached its client and every acknowledged send is received afterwards. After the
 * failover, with no restart, a post still crosses the gateways, new connections are stored, and a queued message is
 * still there and wakes a long poll. Prints what it did and what it saw.
 */
class RedisClusterFailoverTest {
    private static final String YAML = GatewayCalls.chatApi("10s");

    @Test
    void gatewaysFollowAFailoverOfEveryMasterUnderTraffic() throws Exception {
        try (RedisClusterProcess redis = RedisClusterProcess.startWithReplicas()) {
            RedisSettings settings = redis.settings(TestPrefixes.fresh());
            try (TestCluster cluster = GatewayCalls.twoGateways(YAML, settings)) {
                TestGateway a = cluster.node(0);
                TestGateway b = cluster.node(1);
                TestWsClient onB = b.connect("chat?user=ben");
                String ben = idOf(onB);
                assertThat(call(a, "POST", "/chat/@queues/jobs/messages", "{\"body\":\"before\"}").statusCode())
                        .isEqualTo(200);
                assertThat(call(a, "POST", "/chat/@connections/" + ben, "hello").statusCode()).isEqualTo(200);
                assertThat(onB.next()).isEqualTo("hello");

                // The traffic's own target on B, so that ben's messages below stay exactly those of the test.
                TestWsClient trafficOnB = b.connect("chat?user=bea");
                String bea = idOf(trafficOnB);
                Deliveries toBea = new Deliveries(trafficOnB);
                Set<String> sentJobs = ConcurrentHashMap.newKeySet();
                Map<String, Integer> health = new ConcurrentHashMap<>();
                Traffic posts = new Traffic();
                Traffic sends = new Traffic();
                posts.loop("failover-posts", () -> {
                    String tag = posts.nextTag("post");
                    int status = posts.call(() -> call(a, "POST", "/chat/@connections/" + bea, tag));
                    if (status == 200) {
                        toBea.acknowledged(tag);
                    }
                });
                sends.loop("failover-sends", () -> {
                    String body = sends.nextTag("job");
                    int status = sends.call(() -> call(b, "POST", "/chat/@queues/jobs/messages",
                            "{\"body\":\"" + body + "\"}"));
                    if (status == 200) {
                        sentJobs.add(body);
                    }
                });
                // Health is only looked at (a manual failover may be too quick to show DEGRADED); its loop stops
                // with the posts' and is not counted with them.
                posts.loop("failover-health", () -> {
                    health.merge(healthStatus(a), 1, Integer::sum);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // a look now and then is enough
                });
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> toBea.acknowledgedCount() >= 50 && sentJobs.size() >= 50);

                long started = System.nanoTime();
                List<Integer> promoted = redis.failOverEveryMaster();
                System.out.printf("RedisClusterFailoverTest: %s promoted in %d ms, under traffic%n", promoted,
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

                // A little traffic after the failover too, then stop it and count.
                int postsAtFailover = toBea.acknowledgedCount();
                int sendsAtFailover = sentJobs.size();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        toBea.acknowledgedCount() >= postsAtFailover + 50 && sentJobs.size() >= sendsAtFailover + 50);
                posts.close();
                sends.close();
                Set<String> missingPosts = toBea.await(Duration.ofSeconds(20));
                List<String> received = drain(b);
                Map<String, Integer> times = GatewayCalls.timesReceived(received);
                Set<String> missingJobs = new TreeSet<>(sentJobs);
                missingJobs.removeAll(times.keySet());
                long duplicateJobs = times.values().stream().filter(n -> n > 1).count();
                System.out.printf("RedisClusterFailoverTest: posts a -> b answered %s (slowest %d ms), %d acknowledged,"
                        + " %d received, missing %s, duplicates %s; queue sends answered %s (slowest %d ms), %d "
                        + "acknowledged, %d received, missing %s, %d duplicated; health of node a seen %s%n",
                        posts.statuses(), posts.slowest().toMillis(), toBea.acknowledgedCount(),
                        toBea.receivedCount(), missingPosts, toBea.duplicates(), sends.statuses(),
                        sends.slowest().toMillis(), sentJobs.size(), received.size(), missingJobs, duplicateJobs,
                        health);
                for (Traffic traffic : List.of(posts, sends)) {
                    assertThat(traffic.statuses().keySet()).as("only 200 or 503, never no answer")
                            .isSubsetOf(200, 503).contains(200);
                    assertThat(traffic.slowest()).as("never a hang past the timeout").isLessThan(HTTP_TIMEOUT);
                }
                assertThat(missingPosts).as("acknowledged posts that never arrived").isEmpty();
                assertThat(missingJobs).as("acknowledged sends never received").isEmpty();
                assertThat(duplicateJobs).as("duplicates, at most 1 %").isLessThanOrEqualTo(received.size() / 100);
                assertThat(times.get("before")).as("the message sent before the failover, once").isEqualTo(1);

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
                assertThat(trafficOnB.isClosed()).isFalse();
            }
        }
    }
}
