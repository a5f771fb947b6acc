package io.switchboard.cluster;

import static io.switchboard.cluster.ClusterCalls.call;
import static io.switchboard.cluster.ClusterCalls.idOf;
import static io.switchboard.cluster.ClusterCalls.realtime;
import static io.switchboard.cluster.ClusterCalls.seqOf;
import static io.switchboard.cluster.ClusterCalls.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.connections.ConnectionRecord;
import io.switchboard.handler.BatchResult;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.Notification;
import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.PushStats;
import io.switchboard.handler.QueueMessage;
import io.switchboard.json.Json;
import io.switchboard.notify.NotificationRequests;
import io.switchboard.queues.NewMessage;
import io.switchboard.testing.ManagementClients;
import io.switchboard.testing.TestCluster;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import tools.jackson.databind.JsonNode;

/**
 * What three gateways sharing one engine must do, whatever the engine: to every client and backend they are one
 * gateway. Whatever a caller asks of node A about a connection held by node C, C carries out, with the answers one
 * gateway would give; a group or a push spanning the nodes gives each member exactly one copy; no node removes
 * another's entries; presence, topics and queues are the cluster's, not a node's. An engine's test extends this
 * class (the in-JVM {@code MemoryCluster} here, Redis in the redis module), as the store contracts are run.
 */
public abstract class ClusterScenarios {
    // The calls every scenario makes are in ClusterCalls (idOf, realtime, call, status, seqOf).
    protected static final String YAML = """
            apis:
              - name: chat
                stage: chat
                routes:
                  whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
                connections: {user-id: $request.querystring.user}
                presence: {queue: presence-events}
                topics:
                  news: {subscribers: [{queue: news-copy}]}
                queues:
                  news-copy: {}
                  parked: {}
                  presence-events: {}
                  jobs: {visibility-timeout: 3s, dead-letter-queue: jobs-dlq, max-receive-count: 3,
                         consumer: {handler: flaky, batch-size: 10, concurrency: 2}}
                  jobs-dlq: {retention: 14d}
            """;

    /** What every node's flaky consumer did, by message body: how many times it handled it (and it was deleted). */
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile double failureRate = 0;
    private final Handlers handlers = Handlers.builder().queue("flaky", this::flaky).build();

    private TestCluster cluster;
    private TestGateway a;
    private TestGateway b;
    private TestGateway c;
    private ApiGatewayManagementApiClient sdkA;

    /**
     * Starts {@code nodes} gateways on one shared state, new for each test; called again within one test (after
     * every node stopped) it starts them on the state the previous call left.
     */
    protected abstract TestCluster startCluster(int nodes, String yaml, Handlers handlers);

    /** Whether the engine's state outlives every node (queued messages survive a restart of all gateways). */
    protected abstract boolean stateOutlivesTheNodes();

    @BeforeEach
    void start() {
        cluster = startCluster(3, YAML, handlers);
        a = cluster.node(0);
        b = cluster.node(1);
        c = cluster.node(2);
        sdkA = ManagementClients.client(a, "chat");
    }

    @AfterEach
    void stop() {
        sdkA.close();
        cluster.close();
    }

    private BatchResult flaky(List<QueueMessage> batch) {
        Set<String> failed = new HashSet<>();
        for (QueueMessage message : batch) {
            if (ThreadLocalRandom.current().nextDouble() < failureRate) {
                failed.add(message.messageId());
                failures.incrementAndGet();
            } else {
                handled.computeIfAbsent(message.body(), k -> new AtomicInteger()).incrementAndGet();
            }
        }
        return BatchResult.failed(failed);
    }

    @Test
    void theSdkThroughOneNodePostsInspectsAndClosesAClientOnAnother() {
        try (TestWsClient client = TestWsClient.connect(c.ws("chat?user=cai"), Map.of("User-Agent", "phone/7"),
                List.of())) {
            String id = idOf(client);
            sdkA.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("from A")));
            assertThat(client.next()).isEqualTo("from A");

            GetConnectionResponse info = sdkA.getConnection(r -> r.connectionId(id));
            assertThat(info.identity().sourceIp()).isEqualTo("127.0.0.1");
            assertThat(info.identity().userAgent()).isEqualTo("phone/7");
            assertThat(info.connectedAt()).isNotNull();

            sdkA.deleteConnection(r -> r.connectionId(id));
            assertThat(client.awaitClose().code()).isEqualTo(1000);
            Awaitility.await().until(() -> realtime(a).users().connectionsOf("chat", "cai").toCompletableFuture()
                    .join().isEmpty());
            assertThatThrownBy(() -> sdkA.postToConnection(r -> r.connectionId(id)
                    .data(SdkBytes.fromUtf8String("too late")))).isInstanceOf(GoneException.class);
            assertThatThrownBy(() -> sdkA.getConnection(r -> r.connectionId(id))).isInstanceOf(GoneException.class);
            assertThatThrownBy(() -> sdkA.deleteConnection(r -> r.connectionId(id)))
                    .isInstanceOf(GoneException.class);
        }
    }

    @Test
    void aConnectionNobodyHoldsIsGoneFromEveryNode() {
        for (TestGateway node : cluster.nodes()) {
            try (ApiGatewayManagementApiClient sdk = ManagementClients.client(node, "chat")) {
                assertThatThrownBy(() -> sdk.postToConnection(r -> r.connectionId("bm9ib2R5aGVyZQ=")
                        .data(SdkBytes.fromUtf8String("x")))).isInstanceOf(GoneException.class);
            }
        }
    }

    @Test
    void aGroupSpreadOverTheNodesGivesEachMemberOneCopy() throws Exception {
        List<TestWsClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < 9; i++) {
                members.add(cluster.node(i % 3).connect("chat?user=g" + i));
            }
            for (TestWsClient member : members) { // all joined through node B, wherever they are
                assertThat(call(b, "PUT", "/@groups/lobby/members/" + idOf(member), "").statusCode())
                        .isEqualTo(204);
            }
            assertThat(Json.MAPPER.readTree(call(c, "GET", "/@groups/lobby", "").body()).get("members").size())
                    .isEqualTo(9);
            HttpResponse<String> posted = call(a, "POST", "/@groups/lobby", "hello lobby");
            assertThat(posted.statusCode()).isEqualTo(200);
            JsonNode counts = Json.MAPPER.readTree(posted.body());
            assertThat(counts.get("delivered").asInt()).isEqualTo(9);
            assertThat(counts.get("gone").asInt()).isEqualTo(0);
            for (TestWsClient member : members) {
                assertThat(member.next()).isEqualTo("hello lobby");
            }
            HttpResponse<String> excluding = call(c, "POST", "/@groups/lobby?exclude=" + idOf(members.get(0)),
                    "second");
            assertThat(Json.MAPPER.readTree(excluding.body()).get("delivered").asInt()).isEqualTo(8);
            for (TestWsClient member : members.subList(1, 9)) {
                assertThat(member.next()).isEqualTo("second");
            }
            for (TestWsClient member : members) {
                member.expectNothing(Duration.ofMillis(200)); // exactly one copy each, none to the excluded
            }
        } finally {
            members.forEach(TestWsClient::close);
        }
    }

    @Test
    void thePusherOfOneNodeNeverPrunesTheOthersEntries() {
        List<TestWsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                for (TestGateway node : cluster.nodes()) {
                    clients.add(node.connect("chat?user=p" + i)); // each user has a device on every node
                }
            }
            Awaitility.await().until(() -> realtime(a).users().counts("chat").toCompletableFuture().join()
                    .connections() == 9);
            PushStats stats = realtime(a).pusher().push("chat",
                    Notification.to(Set.of("p0", "p1", "p2"), "\"ping\"")).toCompletableFuture().join();
            assertThat(stats.notified()).isEqualTo(9);
            assertThat(stats.gone()).isZero();
            assertThat(stats.pruned()).isZero();
            for (TestWsClient client : clients) {
                assertThat(client.next()).isEqualTo("\"ping\"");
                client.expectNothing(Duration.ofMillis(100));
            }
            List<ConnectionRecord> entries = realtime(b).users().connectionsOf("chat", "p1").toCompletableFuture()
                    .join();
            assertThat(entries).extracting(ConnectionRecord::nodeId)
                    .containsExactlyInAnyOrder("node-a", "node-b", "node-c");
        } finally {
            clients.forEach(TestWsClient::close);
        }
    }

    @Test
    void aThousandRandomPushesThroughRandomNodesReachEveryTargetExactlyOnce() throws Exception {
        int users = 15;
        Map<TestWsClient, String> userOf = new LinkedHashMap<>();
        HttpClient shared = HttpClient.newHttpClient();
        Random random = new Random(13);
        try {
            for (int u = 0; u < users; u++) {
                for (int device = 0; device <= u % 3; device++) {
                    TestGateway node = cluster.node(random.nextInt(3));
                    userOf.put(TestWsClient.connect(shared, node.ws("chat?user=u" + u), Map.of(), List.of()),
                            "u" + u);
                }
            }
            Awaitility.await().until(() -> realtime(c).users().counts("chat").toCompletableFuture().join()
                    .connections() == userOf.size());
            Map<String, Set<Integer>> expected = new HashMap<>();
            for (int seq = 0; seq < 1000; seq++) {
                RandomPush push = RandomPush.next(random, users, seq);
                Set<String> reached = push.reached(userOf.values());
                int seqNo = seq;
                reached.forEach(user -> expected.computeIfAbsent(user, k -> new HashSet<>()).add(seqNo));
                int connections = (int) userOf.values().stream().filter(reached::contains).count();
                PushStats stats = realtime(cluster.node(random.nextInt(3))).pusher().push("chat",
                        NotificationRequests.parse(push.json())).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
                assertThat(stats.notified()).as("push %d", seq).isEqualTo(connections);
                assertThat(stats.gone()).isZero();
            }
            // Pushes from different nodes may overtake one another: count, then make sure nothing more comes.
            for (Map.Entry<TestWsClient, String> client : userOf.entrySet()) {
                Set<Integer> want = expected.getOrDefault(client.getValue(), Set.of());
                List<Integer> got = new ArrayList<>();
                for (int k = 0; k < want.size(); k++) {
                    got.add(seqOf(client.getKey()));
                }
                assertThat(got).as("what %s received", client.getValue()).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(want);
            }
            for (TestWsClient client : userOf.keySet()) {
                client.expectNothing(Duration.ofMillis(50));
            }
        } finally {
            userOf.keySet().forEach(TestWsClient::close);
        }
    }

    @Test
    void aUserWithDevicesOnTwoNodesStaysOnlineUntilTheLastCloses() {
        TestWsClient onA = a.connect("chat?user=dev");
        TestWsClient onB = b.connect("chat?user=dev");
        Awaitility.await().until(() -> status(c, "dev") == PresenceStatus.ONLINE
                && realtime(a).users().connectionsOf("chat", "dev").toCompletableFuture().join().size() == 2);
        onA.close();
        Awaitility.await().until(() -> realtime(c).users().connectionsOf("chat", "dev").toCompletableFuture()
                .join().size() == 1);
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> status(c, "dev") == PresenceStatus.ONLINE);
        onB.close();
        Awaitility.await().until(() -> status(c, "dev") == PresenceStatus.OFFLINE);
    }

    @Test
    void aUserHoppingBetweenNodesGetsPresenceEventsThatAlternateAndEndOffline() throws Exception {
        for (int round = 0; round < 30; round++) { // a phone that changes network and lands on another node
            TestWsClient client = cluster.node(round % 3).connect("chat?user=hopper");
            idOf(client);
            client.close();
        }
        Awaitility.await().until(() -> status(a, "hopper") == PresenceStatus.OFFLINE
                && realtime(b).users().connectionsOf("chat", "hopper").toCompletableFuture().join().isEmpty());
        List<String> events = new ArrayList<>();
        Awaitility.await().pollInterval(Duration.ofMillis(100)).until(() -> {
            List<QueueMessage> batch = realtime(c).queues().receive("chat", "presence-events", 10, Duration.ZERO,
                    java.util.Optional.of(Duration.ofHours(1))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (QueueMessage m : batch) {
                JsonNode message = Json.MAPPER.readTree(m.body()).get("message");
                if (message.get("user_id").asString().equals("hopper")) {
                    events.add(message.get("status").asString());
                }
            }
            return !events.isEmpty() && events.get(events.size() - 1).equals("OFFLINE") && batch.isEmpty();
        });
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i)).as("event %d of %s", i, events).isEqualTo(i % 2 == 0 ? "ONLINE" : "OFFLINE");
        }
    }

    @Test
    void aTopicReachesTheInProcessSubscribersOfEveryNodeAndItsQueueOnce() throws Exception {
        Map<String, List<String>> seen = new ConcurrentHashMap<>();
        List<AutoCloseable> subscriptions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> atNode = new CopyOnWriteArrayList<>();
            seen.put("node-" + (char) ('a' + i), atNode);
            subscriptions.add(realtime(cluster.node(i)).topics().subscribe("chat", "news",
                    m -> atNode.add(m.body())));
        }
        for (int n = 0; n < 20; n++) {
            realtime(cluster.node(n % 3)).topics().publish("chat", "news", "n" + n, Map.of()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }
        List<String> all = java.util.stream.IntStream.range(0, 20).mapToObj(n -> "n" + n).toList();
        Awaitility.await().until(() -> seen.values().stream().allMatch(l -> l.size() == 20));
        seen.forEach((node, bodies) -> assertThat(bodies).as(node).containsExactlyInAnyOrderElementsOf(all));
        List<String> copies = new ArrayList<>();
        while (copies.size() < 20) {
            List<QueueMessage> batch = realtime(b).queues().receive("chat", "news-copy", 10, Duration.ofSeconds(2),
                    java.util.Optional.of(Duration.ofSeconds(30))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(m -> copies.add(m.body()));
        }
        assertThat(copies).as("the queue subscriber is served once per publication")
                .containsExactlyInAnyOrderElementsOf(all);
        for (AutoCloseable subscription : subscriptions) {
            subscription.close();
        }
    }

    @Test
    void tenThousandMessagesWithConsumersFailingAtRandomOnEveryNodeAreNeitherLostNorDoubled() throws Exception {
        failureRate = 0.1;
        int count = 10_000;
        for (int i = 0; i < count; i++) {
            realtime(cluster.node(i % 3)).queues().send("chat", "jobs", NewMessage.of("m" + i, Map.of()));
        }
        // Every message ends handled once or, after three failed receives, in the dead-letter queue. (The visibility
        // timeout is longer than a batch takes even on a loaded machine: a consumer slower than it sees a message
        // again, which SQS allows and this test would count as handled twice.)
        Set<String> dead = new HashSet<>();
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<QueueMessage> batch = realtime(a).queues().receive("chat", "jobs-dlq", 10, Duration.ZERO,
                    java.util.Optional.of(Duration.ofHours(1))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            batch.forEach(m -> dead.add(m.body()));
            return handled.size() + dead.size() >= count;
        });
        assertThat(failures.get()).as("consumers did fail").isPositive();
        for (int i = 0; i < count; i++) {
            String body = "m" + i;
            AtomicInteger times = handled.get(body);
            assertThat(times == null ? dead.contains(body) : times.get() == 1 && !dead.contains(body))
                    .as("%s: handled %s, dead %s", body, times, dead.contains(body)).isTrue();
        }
    }

    @Test
    void nothingAcknowledgedIsLostWhenEveryGatewayStopsAndStartsAgain() throws Exception {
        Assumptions.assumeTrue(stateOutlivesTheNodes(), "this engine keeps its state in the nodes");
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            realtime(cluster.node(i % 3)).queues().send("chat", "parked", NewMessage.of("p" + i, Map.of()))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            sent.add("p" + i);
        }
        sdkA.close();
        cluster.close();
        cluster = startCluster(3, YAML, handlers);
        sdkA = ManagementClients.client(cluster.node(0), "chat");
        Set<String> received = new HashSet<>();
        while (received.size() < sent.size()) {
            List<QueueMessage> batch = realtime(cluster.node(received.size() % 3)).queues().receive("chat", "parked",
                    10, Duration.ofSeconds(1), java.util.Optional.of(Duration.ofMinutes(5))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(m -> received.add(m.body()));
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }
}
