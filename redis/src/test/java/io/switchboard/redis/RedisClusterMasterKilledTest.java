package io.switchboard.redis;

import static io.switchboard.redis.GatewayCalls.call;
import static io.switchboard.redis.GatewayCalls.drain;
import static io.switchboard.redis.GatewayCalls.healthStatus;
import static io.switchboard.redis.GatewayCalls.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.Switchboard;
import io.switchboard.json.Json;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The master of a stage's slots killed ({@code SIGKILL}) under two gateways and constant traffic, until its replica
 * takes over (after {@code cluster-node-timeout}, 5 s, and an election). Everything the stage keeps is on that
 * master: its connections and groups ({@code {chat}}), its queues ({@code {q:chat}}), and, with a key prefix chosen
 * for it, the nodes' heartbeats (so that health sees the outage) and the channels of the receiving gateway (whose
 * subscriptions die with the master, with no word from Redis, unlike in a manual failover). Meanwhile every call is answered 200 or 503 (an
 * AWS-style error), none slower than the HTTP timeout, a client's mock route on its own gateway keeps answering, and
 * health says DEGRADED; afterwards, with no restart, health is UP, posts cross the gateways again, new connections
 * are stored, every acknowledged post arrived and the acknowledged queue sends are received. The test cluster keeps
 * nothing on disk and replicates asynchronously, so a send the killed master acknowledged but had not yet passed to
 * its replica could be lost: the test counts those, holds them to the sends answered in the second around the kill,
 * and (none having been lost in its runs) expects none. Prints what it did and what it saw.
 */
class RedisClusterMasterKilledTest {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(20);
    /** Failover: cluster-node-timeout (5 s) and an election, then the gateways' topology reads, with room. */
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final String YAML = GatewayCalls.chatApi("10s");

    @Test
    void gatewaysRideOutAKilledMasterUnderTrafficAndRecoverByThemselves() throws Exception {
        try (RedisClusterProcess redis = RedisClusterProcess.startWithReplicas()) {
            String prefix = TestPrefixes.fresh();
            int victim = redis.masterOf(prefix + "{chat}:c");
            assertThat(redis.masterOf(prefix + "{q:chat}:jobs")).as("the stage's queues on its connections' master")
                    .isEqualTo(victim);
            // The heartbeats and the broadcast channel ({@code nodes}) and node b's channel there too (keys of their
            // own, placed by the prefix): the kill then drops b's subscriptions with the master, and health sees it.
            while (redis.masterOf(prefix + "nodes") != victim || redis.masterOf(prefix + "node:node-b") != victim) {
                prefix = TestPrefixes.fresh();
            }
            RedisSettings settings = redis.settings(prefix);
            try (TestCluster cluster = GatewayCalls.twoGateways(YAML, settings)) {
                TestGateway a = cluster.node(0);
                TestGateway b = cluster.node(1);
                Switchboard serverA = a.server();
                Switchboard serverB = b.server();
                TestWsClient onA = a.connect("chat?user=ann");
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
                Map<String, Long> sentJobs = new ConcurrentHashMap<>(); // body -> when its 200 came (nanoTime)
                Map<String, Long> postedAt = new ConcurrentHashMap<>(); // tag -> when its 200 came (nanoTime)
                AtomicReference<String> unavailable = new AtomicReference<>(); // the body of a 503
                Traffic posts = new Traffic();
                Traffic sends = new Traffic();
                posts.loop("killed-posts", () -> {
                    String tag = posts.nextTag("post");
                    HttpResponse<String> answer = posts.exchange(() ->
                            call(a, "POST", "/chat/@connections/" + bea, tag, HTTP_TIMEOUT));
                    if (answer != null && answer.statusCode() == 200) {
                        toBea.acknowledged(tag);
                        postedAt.put(tag, System.nanoTime());
                    } else if (answer != null && answer.statusCode() == 503) {
                        unavailable.compareAndSet(null, answer.body());
                    }
                });
                sends.loop("killed-sends", () -> {
                    String body = sends.nextTag("job");
                    HttpResponse<String> answer = sends.exchange(() -> call(b, "POST", "/chat/@queues/jobs/messages",
                            "{\"body\":\"" + body + "\"}", HTTP_TIMEOUT));
                    if (answer != null && answer.statusCode() == 200) {
                        sentJobs.put(body, System.nanoTime());
                    } else if (answer != null && answer.statusCode() == 503) {
                        unavailable.compareAndSet(null, answer.body());
                    }
                });
                // What needs no Redis, looked at all along: ann's mock route on her own gateway, and A's health.
                AtomicReference<String> phase = new AtomicReference<>("before");
                Map<String, Integer> health = new ConcurrentHashMap<>();
                Map<String, Integer> pongs = new ConcurrentHashMap<>();
                AtomicInteger unanswered = new AtomicInteger();
                AtomicLong slowestPong = new AtomicLong();
                Traffic local = new Traffic();
                local.loop("killed-whoami", () -> {
                    String during = phase.get();
                    long asked = System.nanoTime();
                    Optional<String> id = onA.send("{\"action\":\"whoami\"}").nextWithin(Duration.ofSeconds(5));
                    slowestPong.accumulateAndGet(System.nanoTime() - asked, Math::max);
                    if (id.isPresent()) {
                        pongs.merge(during, 1, Integer::sum);
                    } else {
                        unanswered.incrementAndGet();
                    }
                });
                local.loop("killed-health", () -> {
                    health.merge(phase.get() + ":" + healthStatus(a), 1, Integer::sum);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // a look now and then is enough
                });
                Awaitility.await().atMost(Duration.ofSeconds(20))
                        .until(() -> toBea.acknowledgedCount() >= 50 && sentJobs.size() >= 50);

                phase.set("outage");
                long killed = System.nanoTime();
                int promoted = redis.killMaster(victim);
                long tookOver = System.nanoTime();
                System.out.printf("RedisClusterMasterKilledTest: master %d killed (SIGKILL) under traffic; replica %d "
                        + "took over after %d ms%n", victim, promoted, Duration.ofNanos(tookOver - killed).toMillis());
                // Health is DEGRADED while the heartbeats cannot be written (a write waits up to the command
                // timeout, so it may show after the promotion), and UP again by itself.
                Awaitility.await().atMost(RECOVERY).pollInterval(Duration.ofMillis(50))
                        .until(() -> health.containsKey("outage:DEGRADED"));
                Awaitility.await().atMost(RECOVERY).until(() ->
                        healthStatus(a).equals("UP") && healthStatus(b).equals("UP"));
                phase.set("after");
                long up = System.nanoTime();
                System.out.printf("RedisClusterMasterKilledTest: both gateways UP again %d ms after the kill%n",
                        Duration.ofNanos(up - killed).toMillis());

                // A post crosses the gateways again (a 503 before it may or may not have gone through).
                AtomicReference<String> lastAfter = new AtomicReference<>();
                try {
                    Awaitility.await().atMost(RECOVERY).until(() -> {
                        HttpResponse<String> answer = call(a, "POST", "/chat/@connections/" + ben, "after",
                                HTTP_TIMEOUT);
                        lastAfter.set(answer.statusCode() + " " + answer.body());
                        return answer.statusCode() == 200;
                    });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("no post crossed after the recovery; last answer " + lastAfter.get()
                            + "; posts " + posts.statuses() + ", sends " + sends.statuses() + ", health " + health, e);
                }
                String last = onB.next();
                while (!last.equals("after")) {
                    last = onB.next();
                }
                TestWsClient lateOnA = a.connect("chat?user=amy");
                String amy = idOf(lateOnA);
                assertThat(call(b, "GET", "/chat/@connections/" + amy, "", HTTP_TIMEOUT).statusCode())
                        .as("a new connection is stored").isEqualTo(200);
                assertThat(call(b, "POST", "/chat/@connections/" + amy, "welcome", HTTP_TIMEOUT).statusCode())
                        .isEqualTo(200);
                assertThat(lateOnA.next()).isEqualTo("welcome");

                // A little traffic after the recovery too, then stop it and count.
                int postsAtUp = toBea.acknowledgedCount();
                int sendsAtUp = sentJobs.size();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                        toBea.acknowledgedCount() >= postsAtUp + 50 && sentJobs.size() >= sendsAtUp + 50);
                posts.close();
                sends.close();
                local.close();
                Set<String> missingPosts = toBea.await(Duration.ofSeconds(20));
                List<String> received = drain(b);
                Map<String, Integer> times = GatewayCalls.timesReceived(received);
                Set<String> missingJobs = new TreeSet<>(sentJobs.keySet());
                missingJobs.removeAll(times.keySet());
                long duplicateJobs = times.values().stream().filter(n -> n > 1).count();
                // What the killed master may have acknowledged without its replica having it yet.
                long window = TimeUnit.SECONDS.toNanos(1);
                long lastSecond = sentJobs.values().stream().filter(t -> t > killed - window && t < killed + window)
                        .count();
                Set<String> postsLostOutsideTheWindow = new TreeSet<>(missingPosts);
                postsLostOutsideTheWindow.removeIf(tag -> Math.abs(postedAt.get(tag) - killed) < window);
                Set<String> lostOutsideTheWindow = new TreeSet<>(missingJobs);
                lostOutsideTheWindow.removeIf(body -> Math.abs(sentJobs.get(body) - killed) < window);
                System.out.printf("RedisClusterMasterKilledTest: a 503 said %s%n", unavailable.get());
                System.out.printf("RedisClusterMasterKilledTest: posts a -> b answered %s (slowest %d ms), %d "
                        + "acknowledged, %d received, missing %s, duplicates %s; queue sends answered %s (slowest %d "
                        + "ms), %d acknowledged (%d in the second around the kill), %d received, lost %d %s, %d "
                        + "duplicated; mock route answered %s, %d unanswered, slowest %d ms; health of node a seen %s%n",
                        posts.statuses(), posts.slowest().toMillis(), toBea.acknowledgedCount(),
                        toBea.receivedCount(), missingPosts, toBea.duplicates(), sends.statuses(),
                        sends.slowest().toMillis(), sentJobs.size(), lastSecond, received.size(), missingJobs.size(),
                        missingJobs, duplicateJobs, pongs, unanswered.get(),
                        Duration.ofNanos(slowestPong.get()).toMillis(), health);

                for (Traffic traffic : List.of(posts, sends)) {
                    assertThat(traffic.statuses().keySet()).as("only 200 or 503, never no answer")
                            .isSubsetOf(200, 503).contains(200);
                    assertThat(traffic.slowest()).as("never a hang past the timeout").isLessThan(HTTP_TIMEOUT);
                }
                assertThat(posts.count(503) + sends.count(503)).as("calls that needed the killed master")
                        .isPositive();
                assertThat(Json.MAPPER.readTree(unavailable.get()).path("message").asText())
                        .as("a 503 is an AWS-style error: " + unavailable.get()).isNotBlank();
                assertThat(unanswered.get()).as("mock-route calls unanswered").isZero();
                assertThat(pongs.getOrDefault("outage", 0)).as("mock-route answers while the master was down")
                        .isPositive();
                assertThat(health).as("health said DEGRADED in the outage, UP before and after")
                        .containsKeys("before:UP", "outage:DEGRADED", "after:UP");
                // Pub/sub delivers at most once: a post the killed master took for b's subscription, but had not yet
                // written to it, dies with the master (seen: 1 of 2,456). Only one near the kill may be missing.
                assertThat(postsLostOutsideTheWindow).as("acknowledged posts that never arrived, other than those "
                        + "the killed master held in its last second").isEmpty();
                assertThat(missingPosts.size()).as("acknowledged posts lost with the master").isLessThanOrEqualTo(
                        Math.max(1, toBea.acknowledgedCount() / 100));
                assertThat(lostOutsideTheWindow).as("acknowledged sends lost, other than the killed master's last "
                        + "unreplicated writes").isEmpty();
                assertThat(missingJobs).as("acknowledged sends lost, all answered in the second around the kill: the "
                        + "killed master's writes its replica had not yet got (asynchronous replication)").isEmpty();
                assertThat(duplicateJobs).as("duplicates, at most 1 %").isLessThanOrEqualTo(received.size() / 100);
                assertThat(times.get("before")).as("the message sent before the kill, once").isEqualTo(1);

                assertThat(a.server()).as("gateway a never restarted").isSameAs(serverA);
                assertThat(b.server()).as("gateway b never restarted").isSameAs(serverB);
                for (TestWsClient client : List.of(onA, onB, trafficOnB, lateOnA)) {
                    assertThat(client.isClosed()).as("a client closed").isFalse();
                }
                assertThat(call(a, "GET", "/chat/@connections/" + ben, "", HTTP_TIMEOUT).statusCode())
                        .as("ben, on b, still known from a").isEqualTo(200);
                // Health may flip back for a moment after the first UP (heartbeats sent to the dead master before
                // the gateway read the new topology time out later); it settles UP by itself.
                Awaitility.await().atMost(RECOVERY).during(Duration.ofSeconds(2)).until(() ->
                        healthStatus(a).equals("UP") && healthStatus(b).equals("UP"));
            }
        }
    }
}
