package io.switchboard.queues;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a queue treats its messages, as SQS does.
 *
 * @param visibilityTimeout how long a received message stays hidden from other receivers (SQS: 30 s)
 * @param retention         how long a message is kept, counted from when it was first sent (SQS: 4 days)
 * @param maxReceiveCount   receives after which an undeleted message moves to the dead-letter queue; 0 for never
 * @param deadLetterQueue   the queue of the same stage that takes messages received too often
 * @param delay             how long a new message stays hidden when its sender does not say (SQS: 0)
 * @param maxMessages       messages the queue holds at most; sending to a full queue fails (memory protection)
 */
public record QueueSettings(Duration visibilityTimeout, Duration retention, int maxReceiveCount,
                            Optional<String> deadLetterQueue, Duration delay, int maxMessages) {

    /** SQS's defaults, no dead-letter queue, 100,000 messages. */
    public static final QueueSettings DEFAULTS = new QueueSettings(Duration.ofSeconds(30), Duration.ofDays(4), 0,
            Optional.empty(), Duration.ZERO, 100_000);

    public QueueSettings {
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        Objects.requireNonNull(delay, "delay");
    }

    /** The same settings with a dead-letter queue after {@code receives} receives. */
    public QueueSettings withRedrive(String queue, int receives) {
        return new QueueSettings(visibilityTimeout, retention, receives, Optional.of(queue), delay, maxMessages);
    }

    public QueueSettings withVisibilityTimeout(Duration timeout) {
        return new QueueSettings(timeout, retention, maxReceiveCount, deadLetterQueue, delay, maxMessages);
    }

    public QueueSettings withRetention(Duration period) {
        return new QueueSettings(visibilityTimeout, period, maxReceiveCount, deadLetterQueue, delay, maxMessages);
    }

    public QueueSettings withMaxMessages(int count) {
        return new QueueSettings(visibilityTimeout, retention, maxReceiveCount, deadLetterQueue, delay, count);
    }
}
