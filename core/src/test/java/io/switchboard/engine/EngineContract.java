package io.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.handler.TopicMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Engine} must do as a whole, whatever its type: every store is there, events reach the listener
 * given to {@link Engine#start} (connection changes in order for each user), and starting or closing twice is
 * harmless. The stores have contracts of their own ({@code ConnectionStoreContract} and the others); an engine's test
 * extends this class.
 */
public abstract class EngineContract {
    private final BlockingQueue<ConnectionChange> changes = new LinkedBlockingQueue<>();
    private final BlockingQueue<TopicMessage> messages = new LinkedBlockingQueue<>();
    private final EngineListener listener = new EngineListener() {
        @Override
        public void connectionChanged(ConnectionChange change) {
            changes.add(change);
        }

        @Override
        public void topicMessage(TopicMessage message) {
            messages.add(message);
        }
    };
    private ScheduledExecutorService timers;
    private Engine engine;

    /** A new, empty engine, not started. */
    protected abstract Engine newEngine(EngineContext context);

    @BeforeEach
    void createEngine() {
        timers = Executors.newSingleThreadScheduledExecutor();
        engine = newEngine(new EngineContext("test-node", Clock.systemUTC(), timers));
    }

    @AfterEach
    void closeEngine() {
        engine.close();
        timers.shutdownNow();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(10, TimeUnit.SECONDS);
        assertThat(item).as("an event within 10 s").isNotNull();
        return item;
    }

    private static ConnectionRecord record(String user, String id) {
        return new ConnectionRecord("s", user, id, 1_000, Long.MAX_VALUE / 2);
    }

    @Test
    void everyStoreIsThere() {
        assertThat(List.of(engine.groups(), engine.quotas(), engine.connections(), engine.presence(),
                engine.topics(), engine.queues())).doesNotContainNull();
    }

    @Test
    void startDeliversEveryKindOfEventToTheListener() throws Exception {
        engine.start(listener);
        await(engine.connections().add(record("alice", "c1")));
        TopicMessage sent = new TopicMessage("m1", "s", "news", "hello", Map.of("source", "test"), 1234);
        await(engine.topics().publish(sent));
        ConnectionChange change = next(changes);
        assertThat(change.type()).isEqualTo(ConnectionChange.Type.INSERT);
        assertThat(change.record()).isEqualTo(record("alice", "c1"));
        assertThat(next(messages)).isEqualTo(sent);
    }

    @Test
    void startingTwiceDeliversEachEventOnceToTheFirstListener() throws Exception {
        BlockingQueue<ConnectionChange> second = new LinkedBlockingQueue<>();
        engine.start(listener);
        engine.start(listener);
        engine.start(new EngineListener() {
            @Override
            public void connectionChanged(ConnectionChange change) {
                second.add(change);
            }

            @Override
            public void topicMessage(TopicMessage message) {
            }
        });
        await(engine.connections().add(record("alice", "c1")));
        assertThat(next(changes).record().connectionId()).isEqualTo("c1");
        assertThat(changes.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(second).isEmpty();
    }

    @Test
    void closingTwiceOrWithoutStartingIsHarmless() {
        Engine unstarted = newEngine(new EngineContext("other-node", Clock.systemUTC(), timers));
        assertThatCode(() -> {
            unstarted.close();
            unstarted.close();
            engine.start(listener);
            engine.close();
            engine.close();
        }).doesNotThrowAnyException();
        assertThat(timers.isShutdown()).as("the gateway's timers are not the engine's to stop").isFalse();
    }

    @Test
    void connectionChangesReachTheListenerInOrderForEachUser() throws Exception {
        engine.start(listener);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int users = 20;
        int perUser = 25;
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String user = "u" + u;
                work.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int c = 0; c < perUser; c++) {
                            await(engine.connections().add(record(user, user + "-c" + c)));
                        }
                        for (int c = 0; c < perUser; c++) {
                            await(engine.connections().remove("s", user + "-c" + c));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        Map<String, List<String>> seen = new HashMap<>();
        for (int i = 0; i < users * perUser * 2; i++) {
            ConnectionChange change = next(changes);
            seen.computeIfAbsent(change.userId(), u -> new ArrayList<>())
                    .add(change.type() + " " + change.record().connectionId() + " " + change.userConnections());
        }
        assertThat(changes.poll(100, TimeUnit.MILLISECONDS)).isNull();
        for (int u = 0; u < users; u++) {
            String user = "u" + u;
            List<String> expected = new ArrayList<>();
            for (int c = 0; c < perUser; c++) {
                expected.add("INSERT " + user + "-c" + c + " " + (c + 1));
            }
            for (int c = 0; c < perUser; c++) {
                expected.add("REMOVE " + user + "-c" + c + " " + (perUser - c - 1));
            }
            assertThat(seen.get(user)).as("the changes of %s", user).containsExactlyElementsOf(expected);
        }
    }
}
