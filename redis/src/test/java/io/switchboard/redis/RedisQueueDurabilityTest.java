package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.QueueMessage;
import io.switchboard.queues.NewMessage;
import io.switchboard.queues.QueueId;
import io.switchboard.queues.QueueSettings;
import io.switchboard.queues.QueueStats;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only a shared, persistent store can promise: messages outlive a Redis restart (and a kill, with
 * {@code appendfsync always}), and gateways on one Redis share queues — long polls woken from another gateway,
 * concurrent consumers that neither lose a message nor delete one twice.
 */
class RedisQueueDurabilityTest {
    private static final QueueId Q = new QueueId("prod", "jobs");
    private static final QueueId DLQ = new QueueId("prod", "jobs-dlq");

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        timers.shutdownNow();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A gateway's store: clients of its own, as another gateway process would have. */
    private RedisQueueStore store(RedisProcess redis) {
        RedisClients clients = RedisClients.connect(redis.settings("durability:"));
        RedisQueueStore store = new RedisQueueStore(clients, Clock.systemUTC(), timers);
        opened.add(clients);
        opened.add(store);
        return store;
    }

    /** A server stopped after the test. */
    private RedisProcess redis(boolean persistent) {
        RedisProcess redis = persistent ? RedisProcess.startPersistent() : RedisProcess.start();
        opened.add(0, redis);
        return redis;
    }

    private static Map<String, String> sendAll(RedisQueueStore store, int count) throws Exception {
        Map<String, CompletableFuture<String>> sending = new HashMap<>();
        for (int i = 0; i < count; i++) {
            sending.put("m" + i, store.send(Q, NewMessage.of("m" + i, Map.of("n", Integer.toString(i))))
                    .toCompletableFuture());
        }
        Map<String, String> bodiesById = new HashMap<>();
        for (Map.Entry<String, CompletableFuture<String>> e : sending.entrySet()) {
            bodiesById.put(e.getValue().get(10, TimeUnit.SECONDS), e.getKey());
        }
        return bodiesById;
    }

    private static Map<String, String> receiveAll(RedisQueueStore store, QueueId queue) throws Exception {
        Map<String, String> got = new HashMap<>();
        for (List<QueueMessage> batch = await(store.receive(queue, 10, Duration.ZERO, Duration.ofMinutes(5)));
             !batch.isEmpty(); batch = await(store.receive(queue, 10, Duration.ZERO, Duration.ofMinutes(5)))) {
            for (QueueMessage m : batch) {
                assertThat(got.put(m.messageId(), m.body())).as("received twice: %s", m.messageId()).isNull();
                assertThat(m.attributes()).containsEntry("n", m.body().substring(1));
            }
        }
        return got;
    }

    private void restartKeeps(boolean kill) throws Exception {
        RedisProcess redis = redis(true);
        RedisClients clients = RedisClients.connect(redis.settings("durability:"));
        RedisQueueStore before = new RedisQueueStore(clients, Clock.systemUTC(), timers);
        await(before.declare(Q, QueueSettings.DEFAULTS));
        Map<String, String> sent = sendAll(before, 500);
        before.close();
        clients.close();
        if (kill) {
            redis.kill();
        }
        redis.restart();

        RedisQueueStore after = store(redis); // no declare: the settings survived as well
        assertThat(await(after.stats(Q))).isEqualTo(new QueueStats(500, 0, 0));
        assertThat(receiveAll(after, Q)).isEqualTo(sent);
    }

    @Test
    void everySentMessageSurvivesARedisRestart() throws Exception {
        restartKeeps(false);
    }

    @Test
    void withAppendfsyncAlwaysEverySentMessageSurvivesAKill() throws Exception {
        restartKeeps(true);
    }

    @Test
    void aLongPollOnOneGatewayIsWokenBySendOnAnother() throws Exception {
        RedisProcess redis = redis(false);
        RedisQueueStore a = store(redis);
        RedisQueueStore b = store(redis);
        await(a.declare(Q, QueueSettings.DEFAULTS));
        await(b.declare(Q, QueueSettings.DEFAULTS));
        long totalMillis = 0;
        for (int round = 0; round < 5; round++) {
            CompletableFuture<List<QueueMessage>> polling = b.receive(Q, 10, Duration.ofSeconds(20),
                    Duration.ofSeconds(30)).toCompletableFuture();
            Thread.sleep(300); // let the poll settle into waiting (the test measures the wake-up, not the start)
            assertThat(polling).isNotDone();
            long sentAt = System.nanoTime();
            String id = await(a.send(Q, NewMessage.of("round " + round, Map.of())));
            List<QueueMessage> got = polling.get(2, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
            totalMillis += millis;
            assertThat(got).extracting(QueueMessage::messageId).containsExactly(id);
            assertThat(await(a.delete(Q, got.get(0).receiptHandle()))).as("a receipt works on every gateway")
                    .isTrue();
        }
        // Woken by the note on the wake channel, not by the once-a-second recheck (which would average ~500 ms).
        assertThat(totalMillis / 5).isLessThan(200);
    }

    @Test
    void concurrentConsumersOnTwoGatewaysLoseNoMessageAndDeleteNoneTwice() throws Exception {
        RedisProcess redis = redis(false);
        RedisQueueStore a = store(redis);
        RedisQueueStore b = store(redis);
        QueueSettings settings = QueueSettings.DEFAULTS.withVisibilityTimeout(Duration.ofMillis(200))
                .withRedrive(DLQ.name(), 3);
        for (RedisQueueStore s : List.of(a, b)) {
            await(s.declare(DLQ, QueueSettings.DEFAULTS));
            await(s.declare(Q, settings));
        }
        int count = 2_000;
        Set<String> sent = sendAll(a, count).keySet();

        Set<String> deleted = ConcurrentHashMap.newKeySet();
        Set<String> deletedTwice = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService consumers = Executors.newFixedThreadPool(8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            RedisQueueStore store = c % 2 == 0 ? a : b;
            running.add(consumers.submit(() -> {
                while (System.nanoTime() < deadline) {
                    List<QueueMessage> batch = await(store.receive(Q, 10, Duration.ofMillis(500),
                            Duration.ofMillis(200)));
                    for (QueueMessage m : batch) {
                        if (ThreadLocalRandom.current().nextInt(10) < 3) {
                            failures.incrementAndGet(); // the handler failed: no delete, it comes back
                        } else if (await(store.delete(Q, m.receiptHandle())) && !deleted.add(m.messageId())) {
                            deletedTwice.add(m.messageId());
                        }
                    }
                    if (batch.isEmpty() && await(store.stats(Q)).total() == 0) {
                        return null;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get(90, TimeUnit.SECONDS);
        }
        consumers.shutdown();

        assertThat(await(a.stats(Q)).total()).as("the queue drained within a minute").isZero();
        assertThat(deletedTwice).isEmpty();
        Set<String> dead = receiveAllIds(b, DLQ);
        Set<String> both = new HashSet<>(dead);
        both.retainAll(deleted);
        assertThat(both).as("deleted and dead-lettered").isEmpty();
        Set<String> all = new HashSet<>(deleted);
        all.addAll(dead);
        assertThat(all).isEqualTo(sent);
        assertThat(failures.get()).isPositive();
        assertThat(dead).as("a 30 %% failure rate with 3 receives dead-letters some").isNotEmpty();
    }

    private static Set<String> receiveAllIds(RedisQueueStore store, QueueId queue) throws Exception {
        Set<String> ids = new HashSet<>();
        for (List<QueueMessage> batch = await(store.receive(queue, 10, Duration.ZERO, Duration.ofMinutes(5)));
             !batch.isEmpty(); batch = await(store.receive(queue, 10, Duration.ZERO, Duration.ofMinutes(5)))) {
            for (QueueMessage m : batch) {
                assertThat(ids.add(m.messageId())).isTrue();
                assertThat(m.deadLetterSource()).hasValue(Q.name());
            }
        }
        return ids;
    }
}
