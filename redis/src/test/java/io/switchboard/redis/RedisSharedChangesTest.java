package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.NodeCommand;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.EngineListener;
import io.switchboard.handler.TopicMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes changing the same users' connections at once: each hears of its own changes only, in order, and the
 * counts and sequences of both together replay exactly, as if one store had made every change.
 */
class RedisSharedChangesTest {
    private static RedisProcess redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    private static EngineListener into(BlockingQueue<ConnectionChange> changes) {
        return new EngineListener() {
            @Override
            public void connectionChanged(ConnectionChange change) {
                changes.add(change);
            }

            @Override
            public void topicMessage(TopicMessage message) {
            }

            @Override
            public void nodeCommand(NodeCommand command) {
            }
        };
    }

    @Test
    void countsAndSequencesAreExactAcrossNodes() throws Exception {
        String prefix = TestPrefixes.fresh();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        BlockingQueue<ConnectionChange> atA = new LinkedBlockingQueue<>();
        BlockingQueue<ConnectionChange> atB = new LinkedBlockingQueue<>();
        int users = 10;
        int perNodeAndUser = 30;
        try (RedisEngine a = new RedisEngine(redis.settings(prefix), new EngineContext("a", Clock.systemUTC(), timers));
             RedisEngine b = new RedisEngine(redis.settings(prefix), new EngineContext("b", Clock.systemUTC(), timers))) {
            a.start(into(atA));
            b.start(into(atB));
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (RedisEngine node : List.of(a, b)) {
                for (int u = 0; u < users; u++) {
                    String user = "u" + u;
                    String nodeId = node.nodes().nodeId();
                    work.add(CompletableFuture.runAsync(() -> {
                        for (int c = 0; c < perNodeAndUser; c++) {
                            String id = nodeId + "-" + user + "-" + c;
                            node.connections().add(new ConnectionRecord("s", user, id, nodeId, "127.0.0.1",
                                    java.util.Optional.empty(), c, Long.MAX_VALUE / 2)).toCompletableFuture().join();
                            if (c % 2 == 1) {
                                node.connections().remove("s", id).toCompletableFuture().join();
                            }
                        }
                    }, pool));
                }
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            int each = users * (perNodeAndUser + perNodeAndUser / 2);
            List<ConnectionChange> all = new ArrayList<>();
            for (BlockingQueue<ConnectionChange> queue : List.of(atA, atB)) {
                List<ConnectionChange> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    ConnectionChange change = queue.poll(10, TimeUnit.SECONDS);
                    assertThat(change).as("a change within 10 s").isNotNull();
                    mine.add(change);
                }
                assertThat(queue.poll(100, TimeUnit.MILLISECONDS)).isNull();
                String node = mine.get(0).record().nodeId();
                assertThat(mine).allMatch(c -> c.record().nodeId().equals(node));
                assertThat(mine).extracting(ConnectionChange::sequence).as("in the order applied").isSorted();
                all.addAll(mine);
            }
            all.sort(Comparator.comparingLong(ConnectionChange::sequence));
            Map<String, Integer> replayed = new HashMap<>();
            for (ConnectionChange change : all) {
                int after = replayed.getOrDefault(change.userId(), 0)
                        + (change.type() == ConnectionChange.Type.INSERT ? 1 : -1);
                assertThat(change.userConnections()).as("%s", change).isEqualTo(after);
                replayed.put(change.userId(), after);
            }
            assertThat(replayed.values()).allMatch(n -> n == perNodeAndUser);
            assertThat(a.connections().counts("s").toCompletableFuture().get(10, TimeUnit.SECONDS).connections())
                    .isEqualTo(users * perNodeAndUser);
            assertThat(b.connections().connectionsOf("s", "u3").toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .extracting(ConnectionRecord::connectedAt).isSorted();
        } finally {
            pool.shutdownNow();
            timers.shutdownNow();
        }
    }
}
