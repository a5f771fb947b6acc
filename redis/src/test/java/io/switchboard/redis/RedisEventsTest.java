package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.NodeCommand;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.EngineListener;
import io.switchboard.handler.TopicMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches a Redis engine's listener when things go wrong: bytes on its channels that are not a command or a
 * message are dropped and what follows still arrives; a listener that throws does not stop later events; every field
 * of a connection record survives the trip; events run on the engine's own thread.
 */
class RedisEventsTest {
    private static RedisProcess redis;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    private ScheduledExecutorService timers;
    private RedisEngine engine;
    private RedisClients raw;
    private String prefix;
    private volatile boolean throwOnce = true;

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    @BeforeEach
    void startEngine() {
        prefix = TestPrefixes.fresh();
        timers = Executors.newSingleThreadScheduledExecutor();
        engine = new RedisEngine(redis.settings(prefix), new EngineContext("n1", Clock.systemUTC(), timers));
        raw = RedisClients.connect(redis.settings(prefix));
        engine.start(new EngineListener() {
            @Override
            public void connectionChanged(ConnectionChange change) {
                record(change);
            }

            @Override
            public void topicMessage(TopicMessage message) {
                record(message);
            }

            @Override
            public void nodeCommand(NodeCommand command) {
                record(command);
            }
        });
    }

    private void record(Object event) {
        threads.add(Thread.currentThread().getName());
        if (throwOnce) {
            throwOnce = false;
            events.add("thrown");
            throw new IllegalStateException("a listener that fails once");
        }
        events.add(event);
    }

    @AfterEach
    void close() {
        raw.close();
        engine.close();
        timers.shutdownNow();
    }

    private Object next() throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void badBytesAreDroppedAndWhatFollowsArrives() throws Exception {
        throwOnce = false;
        byte[] junk = "not a command".getBytes(StandardCharsets.UTF_8);
        await(raw.publish(prefix + "node:n1", junk));
        await(raw.publish(prefix + "nodes", new byte[] {0, 100, 1}));
        await(raw.publish(prefix + "nodes", new byte[] {1}));
        await(raw.publish(prefix + "topics", junk));
        NodeCommand close = new NodeCommand.Close("s", "c1", 1000, "bye");
        await(raw.publish(prefix + "node:n1", io.switchboard.connections.NodeCommandCodec.encode(close)));
        assertThat(next()).isEqualTo(close);
        TopicMessage message = new TopicMessage("m1", "s", "t", "b", Map.of(), 1);
        await(engine.topics().publish(message));
        assertThat(next()).isEqualTo(message);
        assertThat(await(engine.nodes().send("n1", close))).as("not to itself").isFalse();
        assertThat(await(engine.nodes().broadcast(close))).as("nobody else").isZero();
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(threads).containsOnly("switchboard-redis-events");
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheEventsBehindIt() throws Exception {
        ConnectionRecord first = new ConnectionRecord("s", "alice", "c1", "n1", "10.0.0.7",
                Optional.of("Mozilla/5.0 (X11) \u00e9"), 1_700_000_000_123L, 1_700_000_600_000L);
        ConnectionRecord second = new ConnectionRecord("s", "alice", "c2", "n1", "::1", Optional.empty(), 5, 6);
        await(engine.connections().add(first));
        await(engine.connections().add(second));
        assertThat(next()).isEqualTo("thrown");
        ConnectionChange change = (ConnectionChange) next();
        assertThat(change.record()).isEqualTo(second);
        assertThat(change.userConnections()).isEqualTo(2);
        assertThat(await(engine.connections().find("s", "c1"))).hasValue(first);
        assertThat(await(engine.connections().connectionsOf("s", "alice"))).containsExactly(second, first);
        assertThat(await(engine.connections().remove("s", "c1"))).hasValue(first);
        assertThat(((ConnectionChange) next()).userConnections()).isEqualTo(1);
    }

    @Test
    void stagesWhoseNamesLookLikeKeysStayApartAndEachStaysInOneHashTag() throws Exception {
        throwOnce = false;
        String[] stages = {"a", "a}", "{a}", "a%7D", "a:b", "a}:conn:x"};
        for (String stage : stages) {
            await(engine.connections().add(ConnectionRecord.of(stage, "u", "x", 1, Long.MAX_VALUE / 2)));
            await(engine.groups().add(stage, "g", "x"));
            await(engine.presence().update(stage, "u", io.switchboard.handler.PresenceStatus.ONLINE, 1, 1));
        }
        for (String stage : stages) {
            assertThat(await(engine.connections().all(stage))).singleElement()
                    .satisfies(r -> assertThat(r.stage()).isEqualTo(stage));
            assertThat(await(engine.connections().counts(stage)).connections()).isEqualTo(1);
            assertThat(await(engine.groups().groupsOf(stage, "x"))).containsExactly("g");
        }
        RedisClusterAsyncCommands<String, String> text = raw.text();
        for (String key : await(text.keys(prefix + "*"))) {
            String rest = key.substring(prefix.length());
            if (!rest.startsWith("{")) {
                assertThat(rest).isIn("stages");
                continue;
            }
            String tag = rest.substring(1, rest.indexOf('}'));
            assertThat(tag).isIn("a", "a%7D", "%7Ba%7D", "a%257D", "a:b", "a%7D:conn:x");
        }
    }
}
