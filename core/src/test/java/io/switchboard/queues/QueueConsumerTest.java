package io.switchboard.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.config.QueueConfig;
import io.switchboard.handler.BatchResult;
import io.switchboard.handler.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-process consumer as a Lambda SQS event source: batches up to the batch size, the batching window, partial
 * batch failures, and nothing lost when consumers fail at random.
 */
class QueueConsumerTest {
    private static final String STAGE = "s";
    private ScheduledExecutorService timers;
    private ExecutorService workers;
    private QueueService queues;

    @BeforeEach
    void start() {
        timers = Executors.newSingleThreadScheduledExecutor();
        workers = Executors.newFixedThreadPool(8);
        QueueConfig work = new QueueConfig(Duration.ofSeconds(1), Duration.ofDays(1), Duration.ZERO, 3,
                Optional.of("dead"), 256 * 1024, 100_000, Optional.empty());
        QueueConfig plain = new QueueConfig(Duration.ofSeconds(30), Duration.ofDays(1), Duration.ZERO, 0,
                Optional.empty(), 256 * 1024, 100_000, Optional.empty());
        queues = new QueueService(new InMemoryQueueStore(Clock.systemUTC(), timers),
                Map.of(STAGE, Map.of("work", work, "dead", plain, "plain", plain)), workers, timers);
        queues.declareAll().toCompletableFuture().join();
    }

    @AfterEach
    void stop() {
        queues.close();
        workers.shutdownNow();
        timers.shutdownNow();
    }

    private List<String> send(String queue, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(queues.send(STAGE, queue, NewMessage.of("m" + i, Map.of("n", Integer.toString(i))))
                    .toCompletableFuture().join());
        }
        return ids;
    }

    private int total(String queue) {
        return queues.stats(STAGE, queue).toCompletableFuture().join().total();
    }

    @Test
    void tenThousandMessagesWithConsumersFailingAtRandomAreEachDeletedOrDeadLettered() {
        Set<String> sent = new HashSet<>(send("work", 10_000));
        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicInteger batches = new AtomicInteger();
        queues.consume(STAGE, "work", ConsumerOptions.DEFAULTS.withConcurrency(4), batch -> {
            batches.incrementAndGet();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextInt(10) == 0) {
                throw new IllegalStateException("the whole batch fails");
            }
            Set<String> failed = new HashSet<>();
            for (QueueMessage m : batch) {
                if (random.nextInt(3) == 0) {
                    failed.add(m.messageId());
                } else {
                    handled.add(m.messageId());
                }
            }
            return BatchResult.failed(failed);
        });
        Set<String> deadLettered = ConcurrentHashMap.newKeySet();
        queues.consume(STAGE, "dead", ConsumerOptions.DEFAULTS, batch -> {
            batch.forEach(m -> {
                assertThat(m.deadLetterSource()).hasValue("work");
                deadLettered.add(m.messageId());
            });
            return BatchResult.ok();
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() + deadLettered.size() >= sent.size()
                && total("work") == 0 && total("dead") == 0);
        Set<String> all = new HashSet<>(handled);
        all.addAll(deadLettered);
        assertThat(all).isEqualTo(sent);
        // At least once, as SQS: a batch whose deletes come after its visibility timeout is handled again. How often
        // depends on the machine's speed, so it is not asserted: only that nothing is lost.
        assertThat(deadLettered).isNotEmpty(); // a third fail each time: some fail three times in a row
        assertThat(batches.get()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aBatchingWindowGathersUpToTheBatchSize() {
        send("plain", 120);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        queues.consume(STAGE, "plain", ConsumerOptions.DEFAULTS.withBatchSize(50)
                .withMaximumBatchingWindow(Duration.ofMillis(300)), batch -> {
                    sizes.add(batch.size());
                    return BatchResult.ok();
                });
        await().until(() -> total("plain") == 0 && sizes.stream().mapToInt(Integer::intValue).sum() == 120);
        assertThat(sizes).containsExactly(50, 50, 20);
    }

    @Test
    void withoutABatchingWindowABatchIsWhatOneReceiveReturns() {
        send("plain", 25);
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        queues.consume(STAGE, "plain", ConsumerOptions.DEFAULTS.withBatchSize(100), batch -> {
            sizes.add(batch.size());
            return BatchResult.ok();
        });
        await().until(() -> total("plain") == 0);
        assertThat(sizes).allMatch(size -> size <= QueueService.MAX_RECEIVE);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
    }

    @Test
    void onlyTheFailedMessagesOfABatchComeBack() {
        List<String> ids = send("work", 5);
        List<QueueMessage> seen = Collections.synchronizedList(new ArrayList<>());
        queues.consume(STAGE, "work", ConsumerOptions.DEFAULTS, batch -> {
            seen.addAll(batch);
            return BatchResult.failed(batch.stream().filter(m -> m.receiveCount() == 1
                    && m.messageId().equals(ids.get(2))).map(QueueMessage::messageId).collect(
                    java.util.stream.Collectors.toSet()));
        });
        await().until(() -> seen.size() == 6 && total("work") == 0);
        assertThat(seen).filteredOn(m -> m.receiveCount() == 2).extracting(QueueMessage::messageId)
                .containsExactly(ids.get(2));
    }

    @Test
    void aThrowingHandlerOrAnUnknownFailureIdFailsTheWholeBatch() {
        send("work", 3);
        AtomicInteger calls = new AtomicInteger();
        List<Integer> receiveCounts = Collections.synchronizedList(new ArrayList<>());
        queues.consume(STAGE, "work", ConsumerOptions.DEFAULTS, batch -> {
            batch.forEach(m -> receiveCounts.add(m.receiveCount()));
            return switch (calls.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("boom");
                case 2 -> BatchResult.failed(Set.of("not-in-this-batch"));
                default -> BatchResult.ok();
            };
        });
        await().until(() -> total("work") == 0);
        assertThat(receiveCounts).containsExactly(1, 1, 1, 2, 2, 2, 3, 3, 3);
    }

    @Test
    void aClosedConsumerStopsAndLeavesMessagesToOthers() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        QueueConsumer consumer = queues.consume(STAGE, "plain", ConsumerOptions.DEFAULTS.withBatchSize(100)
                .withMaximumBatchingWindow(Duration.ofMinutes(1)), batch -> {
                    handled.addAndGet(batch.size());
                    return BatchResult.ok();
                });
        send("plain", 3); // gathered, waiting for the window to end
        await().until(() -> queues.stats(STAGE, "plain").toCompletableFuture().join().inFlight() == 3);
        consumer.close();
        await().until(() -> queues.stats(STAGE, "plain").toCompletableFuture().join().visible() == 3);
        assertThat(handled).hasValue(0);
        send("plain", 1);
        assertThat(queues.stats(STAGE, "plain").toCompletableFuture().join().visible()).isEqualTo(4);
    }
}
