package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.NodeCommand;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.EngineListener;
import io.switchboard.handler.Groups;
import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.TopicMessage;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After Redis restarts (its scripts forgotten), the engine reconnects by itself: the state survives on a persistent
 * server, scripts are sent again, and the subscriptions come back.
 */
class RedisRestartTest {
    private static RedisProcess redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.startPersistent();
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static <T> T eventually(java.util.concurrent.Callable<T> call) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return call.call();
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100); // waiting for Lettuce to reconnect; it gives no signal a test can wait on
            }
        }
    }

    @Test
    void theEngineGoesOnAfterARestart() throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        try (RedisEngine engine = new RedisEngine(redis.settings(TestPrefixes.fresh()),
                new EngineContext("n1", Clock.systemUTC(), timers))) {
            engine.start(new EngineListener() {
                @Override
                public void connectionChanged(ConnectionChange change) {
                    events.add(change);
                }

                @Override
                public void topicMessage(TopicMessage message) {
                    events.add(message);
                }

                @Override
                public void nodeCommand(NodeCommand command) {
                    events.add(command);
                }
            });
            await(engine.connections().add(ConnectionRecord.of("s", "alice", "c1", 1, Long.MAX_VALUE / 2)));
            assertThat(await(engine.groups().join("s", "room", "c1", 2)).outcome())
                    .isEqualTo(Groups.JoinOutcome.JOINED);
            await(engine.presence().update("s", "alice", PresenceStatus.ONLINE, 1, 1));
            assertThat(events.poll(10, TimeUnit.SECONDS)).isInstanceOf(ConnectionChange.class);

            redis.restart();

            assertThat(eventually(() -> await(engine.groups().join("s", "room", "c2", 2))).others())
                    .containsExactly("c1");
            assertThat(await(engine.connections().find("s", "c1"))).isPresent();
            await(engine.connections().add(ConnectionRecord.of("s", "alice", "c2", 2, Long.MAX_VALUE / 2)));
            ConnectionChange change = (ConnectionChange) events.poll(10, TimeUnit.SECONDS);
            assertThat(change.userConnections()).isEqualTo(2);
            assertThat(await(engine.presence().update("s", "alice", PresenceStatus.OFFLINE, 5, 5))).isPresent();
            TopicMessage message = new TopicMessage("m", "s", "t", "after", Map.of(), 3);
            Object received = eventually(() -> {
                await(engine.topics().publish(message));
                Object got = events.poll(500, TimeUnit.MILLISECONDS);
                if (got == null) {
                    throw new IllegalStateException("not subscribed again yet");
                }
                return got;
            });
            assertThat(received).isEqualTo(message);
        } finally {
            timers.shutdownNow();
        }
    }
}
