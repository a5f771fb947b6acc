package io.switchboard.queues;

import java.time.Duration;

/**
 * How a consumer receives, as a Lambda SQS event source mapping's settings.
 *
 * @param batchSize             the most messages per call (1–10,000; Lambda's default 10)
 * @param maximumBatchingWindow how long to keep gathering after the first message before calling with a batch that
 *                              is not full; zero calls as soon as a receive returns messages
 * @param concurrency           pollers, each with at most one batch in its handler at a time (1–100)
 */
public record ConsumerOptions(int batchSize, Duration maximumBatchingWindow, int concurrency) {

    public static final ConsumerOptions DEFAULTS = new ConsumerOptions(10, Duration.ZERO, 1);

    public ConsumerOptions {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize is 1 to 10000, not " + batchSize);
        }
        if (maximumBatchingWindow.isNegative() || maximumBatchingWindow.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("maximumBatchingWindow is 0 to 5 minutes");
        }
        if (concurrency < 1 || concurrency > 100) {
            throw new IllegalArgumentException("concurrency is 1 to 100, not " + concurrency);
        }
    }

    public ConsumerOptions withBatchSize(int size) {
        return new ConsumerOptions(size, maximumBatchingWindow, concurrency);
    }

    public ConsumerOptions withMaximumBatchingWindow(Duration window) {
        return new ConsumerOptions(batchSize, window, concurrency);
    }

    public ConsumerOptions withConcurrency(int pollers) {
        return new ConsumerOptions(batchSize, maximumBatchingWindow, pollers);
    }
}
