package io.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/**
 * An in-process consumer of a queue, shaped like a Lambda SQS event source mapping: {@code handler} (a
 * {@code QueueHandler} class) or {@code pusher: true}, never both.
 *
 * @param handler               the class that gets each batch
 * @param pusher                whether the messages are notification requests for the pusher
 * @param batchSize             the most messages in one batch (1–10,000; Lambda: 10)
 * @param maximumBatchingWindow how long to gather messages before calling with a batch that is not full (0–5 min)
 * @param concurrency           batches handled at the same time (1–100)
 */
public record ConsumerConfig(Optional<String> handler, boolean pusher, int batchSize,
                             Duration maximumBatchingWindow, int concurrency) {

    static ConsumerConfig read(ConfigNode n) {
        Optional<String> handler = n.has("handler") ? Optional.of(JavaNames.className(n, "handler"))
                : Optional.empty();
        boolean pusher = n.bool("pusher", false);
        if (handler.isPresent() == pusher) {
            n.problem("a consumer has either a handler or pusher: true");
        }
        int batchSize = n.integer("batch-size", 10, 1, 10_000);
        Duration window = n.duration("maximum-batching-window", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(5));
        int concurrency = n.integer("concurrency", 1, 1, 100);
        return new ConsumerConfig(handler, pusher, batchSize, window, concurrency);
    }
}
