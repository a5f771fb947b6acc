package io.switchboard.redis;

import static io.switchboard.redis.GatewayCalls.call;
import static io.switchboard.redis.GatewayCalls.health;
import static io.switchboard.redis.GatewayCalls.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.QueueMessage;
import io.switchboard.testing.TestCluster;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped and started again under two gateways: meanwhile each keeps serving its own connections, what needs
 * Redis answers 503 at once (never a hang), health says DEGRADED; afterwards everything recovers by itself, no node
 * takes another for dead for having been silent during the outage, and a message acknowledged before it is still
 * there. Prints what it did and what it saw.
 */
class RedisOutageTest {
    private static final String YAML = GatewayCalls.chatApi("1s");

    @Test
    void gatewaysRideOutARedisRestartAndRecoverByThemselves() throws Exception {
        try (RedisProcess redis = RedisProcess.startPersistent()) {
            RedisSettings settings = new RedisSettings(redis.uri(), Optional.empty(), 0, TestPrefixes.fresh(),
                    Duration.ofSeconds(1), Duration.ofSeconds(1));
            try (TestCluster cluster = GatewayCalls.twoGateways(YAML, settings)) {
                TestGateway a = cluster.node(0);
                TestGateway b = cluster.node(1);
                TestWsClient onA = a.connect("chat?user=ann");
                TestWsClient onB = b.connect("chat?user=ben");
                String ben = idOf(onB);
                assertThat(call(a, "POST", "/chat/@queues/jobs/messages", "{\"body\":\"before\"}").statusCode())
                        .isEqualTo(200);
                assertThat(call(a, "POST", "/chat/@connections/" + ben, "hello").statusCode()).isEqualTo(200);
                assertThat(onB.next()).isEqualTo("hello");

                // Traffic all along: a client of node A posts to ben (on node B) through A's management API, and
                // pings its own mock route; every call gets an answer, whatever Redis is doing.
                AtomicInteger pongs = new AtomicInteger();
                Traffic traffic = new Traffic();
                traffic.loop("outage-traffic", () -> {
                    traffic.call(() -> call(a, "POST", "/chat/@connections/" + ben, "traffic"));
                    idOf(onA);
                    pongs.incrementAndGet();
                });
                redis.stop();
                System.out.println("RedisOutageTest: Redis stopped, for 10 s, under traffic");
                int pongsAtStop = pongs.get();
                long asked = System.nanoTime();
                HttpResponse<String> post = call(a, "POST", "/chat/@connections/" + ben, "during");
                HttpResponse<String> send = call(b, "POST", "/chat/@queues/jobs/messages", "{\"body\":\"during\"}");
                System.out.printf("RedisOutageTest: during the outage a post answered %d and a send %d, in %d ms%n",
                        post.statusCode(), send.statusCode(), Duration.ofNanos(System.nanoTime() - asked).toMillis());
                assertThat(post.statusCode()).isEqualTo(503);
                assertThat(post.body()).contains("cannot be reached");
                assertThat(send.statusCode()).isEqualTo(503);
                Awaitility.await().until(() -> health(a).contains("\"status\":\"DEGRADED\""));
                HttpResponse<String> ready = call(a, "GET", "/readyz", "");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
                assertThat(ready.body()).contains("engine unreachable");
                // 10 s, ten node expiries: every heartbeat on record is old when Redis comes back.
                Awaitility.await().atMost(Duration.ofSeconds(15)).pollDelay(Duration.ofSeconds(10)).until(() -> true);
                assertThat(pongs.get()).as("mock routes answered while Redis was away").isGreaterThan(pongsAtStop);

                redis.restart();
                System.out.println("RedisOutageTest: Redis started again");
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> health(a).contains("\"status\":\"UP\"")
                        && health(b).contains("\"status\":\"UP\""));
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                        call(a, "GET", "/readyz", "").statusCode() == 200);
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                        call(a, "POST", "/chat/@connections/" + ben, "after").statusCode() == 200);
                traffic.close();
                System.out.printf("RedisOutageTest: traffic during and after the outage: answers by status %s, %d "
                        + "mock-route round trips, slowest post %d ms%n", traffic.statuses(), pongs.get(),
                        traffic.slowest().toMillis());
                assertThat(traffic.statuses()).as("every call was answered").doesNotContainKey(-1);
                assertThat(traffic.statuses().keySet()).containsOnly(200, 503);
                assertThat(traffic.count(503)).isPositive();
                assertThat(traffic.slowest()).as("never a hang past the command timeout")
                        .isLessThan(Duration.ofSeconds(5));
                String last = onB.next();
                while (!last.equals("after")) { // the traffic's posts that crossed before or after the outage
                    assertThat(last).isEqualTo("traffic");
                    last = onB.next();
                }
                Awaitility.await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // two expiries: nobody reaped
                assertThat(onB.isClosed()).isFalse();
                assertThat(onA.isClosed()).isFalse();
                assertThat(call(a, "GET", "/chat/@connections/" + ben, "").statusCode()).isEqualTo(200);
                List<QueueMessage> jobs = b.server().gateway().realtime().queues().receive("chat", "jobs", 10,
                        Duration.ofSeconds(2), Optional.of(Duration.ofMinutes(1))).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                assertThat(jobs).extracting(QueueMessage::body).containsExactly("before");
                System.out.println("RedisOutageTest: after the restart both nodes are UP, the message acknowledged "
                        + "before the outage was received, and no connection was closed");
            }
        }
    }
}
