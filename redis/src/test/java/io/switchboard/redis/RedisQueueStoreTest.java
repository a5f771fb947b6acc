package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.QueueMessage;
import io.switchboard.queues.NewMessage;
import io.switchboard.queues.QueueId;
import io.switchboard.queues.QueueSettings;
import io.switchboard.queues.QueueStats;
import io.switchboard.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the Redis queue store promises beyond the contract: its bounds, cancelling under races, closing, the sweep. */
class RedisQueueStoreTest {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final QueueId Q = new QueueId("s", "q");
    private static RedisProcess redis;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        timers.shutdownNow();
    }

    private RedisQueueStore store(String prefix, Clock clock) {
        RedisClients clients = RedisClients.connect(redis.settings(prefix));
        RedisQueueStore store = new RedisQueueStore(clients, clock, timers);
        opened.add(clients);
        opened.add(store);
        return store;
    }

    private RedisQueueStore store(Clock clock) throws Exception {
        RedisQueueStore store = store("unit" + PREFIXES.incrementAndGet() + ":", clock);
        await(store.declare(Q, QueueSettings.DEFAULTS));
        return store;
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void longPollsCancelledWhileMessagesArriveLeaveEveryMessageVisibleAndUnreceived() throws Exception {
        String prefix = "cancel" + PREFIXES.incrementAndGet() + ":";
        RedisQueueStore sender = store(prefix, Clock.systemUTC());
        RedisQueueStore poller = store(prefix, Clock.systemUTC());
        await(sender.declare(Q, QueueSettings.DEFAULTS));
        await(poller.declare(Q, QueueSettings.DEFAULTS));
        int rounds = 100;
        List<CompletableFuture<List<QueueMessage>>> polls = new ArrayList<>();
        Set<String> delivered = new HashSet<>();
        for (int i = 0; i < rounds; i++) {
            CompletableFuture<List<QueueMessage>> poll = poller.receive(Q, 10, Duration.ofSeconds(20),
                    Duration.ofMinutes(5)).toCompletableFuture();
            polls.add(poll);
            await(sender.send(Q, NewMessage.of("m" + i, Map.of())));
            if (i % 3 != 0) {
                Thread.sleep(i % 3); // cancel at different points of the poll's life
            }
            if (!poll.cancel(false)) {
                poll.get().forEach(m -> delivered.add(m.messageId())); // it won the race: its caller has them
            }
        }
        // Whatever a cancelled poll took is released at once, not after the 5 minute visibility timeout.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                await(sender.stats(Q)).visible() == rounds - delivered.size());
        List<QueueMessage> rest = new ArrayList<>();
        for (List<QueueMessage> b = await(sender.receive(Q, 10, Duration.ZERO, Duration.ofMinutes(5)));
             !b.isEmpty(); b = await(sender.receive(Q, 10, Duration.ZERO, Duration.ofMinutes(5)))) {
            rest.addAll(b);
        }
        assertThat(rest).hasSize(rounds - delivered.size()).allMatch(m -> m.receiveCount() == 1);
        assertThat(rest).extracting(QueueMessage::messageId).doesNotContainAnyElementsOf(delivered);
    }

    @Test
    void pollsBeyondTheBoundPerQueueEndAtOnceEmpty() throws Exception {
        RedisQueueStore store = store(Clock.systemUTC());
        List<CompletableFuture<List<QueueMessage>>> waiting = new ArrayList<>();
        for (int i = 0; i < LongPolls.MAX_POLLS_PER_QUEUE; i++) {
            waiting.add(store.receive(Q, 1, Duration.ofSeconds(20), Duration.ofSeconds(30)).toCompletableFuture());
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(200))
                .until(() -> waiting.stream().noneMatch(CompletableFuture::isDone));
        assertThat(await(store.receive(Q, 1, Duration.ofSeconds(20), Duration.ofSeconds(30)))).isEmpty();
        await(store.send(Q, NewMessage.of("one", Map.of())));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> waiting.get(0).isDone());
        assertThat(waiting.get(0).get()).extracting(QueueMessage::body).containsExactly("one");
        waiting.forEach(f -> f.cancel(false));
    }

    @Test
    void closingEndsWaitingPollsEmptyAndRefusesLaterCalls() throws Exception {
        RedisQueueStore store = store(Clock.systemUTC());
        CompletableFuture<List<QueueMessage>> waiting = store.receive(Q, 1, Duration.ofSeconds(20),
                Duration.ofSeconds(30)).toCompletableFuture();
        Thread.sleep(200);
        store.close();
        store.close();
        assertThat(waiting.get(1, TimeUnit.SECONDS)).isEmpty();
        assertThatThrownBy(() -> await(store.send(Q, NewMessage.of("late", Map.of()))))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error()).isEqualTo(GatewayError.SHUTTING_DOWN));
    }

    @Test
    void theSweepDropsExpiredMessagesOfAQueueNobodyReads() throws Exception {
        MutableClock clock = MutableClock.start();
        RedisQueueStore store = store("sweep" + PREFIXES.incrementAndGet() + ":", clock);
        await(store.declare(Q, QueueSettings.DEFAULTS.withRetention(Duration.ofMinutes(1))));
        for (int i = 0; i < 2_500; i++) {
            store.send(Q, NewMessage.of("old " + i, Map.of()));
        }
        await(store.send(Q, NewMessage.of("last", Map.of())));
        clock.advance(Duration.ofMinutes(1));
        RedisClients peek = RedisClients.connect(redis.settings("sweep" + PREFIXES.get() + ":"));
        opened.add(peek);
        String age = QueueLayout.of(peek, Q).age();
        assertThat(await(peek.text().zcard(age))).isEqualTo(2_501);
        store.sweep(); // in rounds of 1000, until the queue is clean
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> await(peek.text().zcard(age)) == 0);
        assertThat(await(store.stats(Q))).isEqualTo(new QueueStats(0, 0, 0));
    }

    @Test
    void queuesOfOneNameInTwoStagesAndNamesWithSeparatorsAreApart() throws Exception {
        RedisQueueStore store = store(Clock.systemUTC());
        QueueId a = new QueueId("a:b", "c");
        QueueId b = new QueueId("a", "b:c");
        QueueId braces = new QueueId("{x}", "}y{");
        for (QueueId q : List.of(a, b, braces)) {
            await(store.declare(q, QueueSettings.DEFAULTS));
            await(store.send(q, NewMessage.of("to " + q, Map.of())));
        }
        for (QueueId q : List.of(a, b, braces)) {
            assertThat(await(store.receive(q, 10, Duration.ZERO, Duration.ofSeconds(30))))
                    .extracting(QueueMessage::body).containsExactly("to " + q);
        }
    }
}
