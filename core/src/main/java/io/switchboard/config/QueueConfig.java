package io.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/**
 * A queue, with SQS's settings and defaults.
 *
 * @param visibilityTimeout how long a received message stays hidden (0–12 h; SQS: 30 s)
 * @param retention         how long a message is kept (1 s–14 d; SQS: 4 d, from 60 s)
 * @param delay             how long a new message stays hidden when its sender does not say (0–15 min)
 * @param maxReceiveCount   receives after which an undeleted message moves to the dead-letter queue
 * @param deadLetterQueue   the queue of the same API for messages received too often
 * @param messageBytes      the largest message body, in UTF-8 bytes (up to 256 KB, SQS's classic limit)
 * @param maxMessages       how many messages the queue holds before sends fail (protects memory)
 * @param consumer          an in-process consumer, as a Lambda event source mapping
 */
public record QueueConfig(Duration visibilityTimeout, Duration retention, Duration delay, int maxReceiveCount,
                          Optional<String> deadLetterQueue, int messageBytes, int maxMessages,
                          Optional<ConsumerConfig> consumer) {

    /** The receive count SQS consoles suggest, used when only a dead-letter queue is given. */
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 5;

    static QueueConfig read(ConfigNode n) {
        Duration visibility = n.duration("visibility-timeout", Duration.ofSeconds(30), Duration.ZERO,
                Duration.ofHours(12));
        Duration retention = n.duration("retention", Duration.ofDays(4), Duration.ofSeconds(1), Duration.ofDays(14));
        Duration delay = n.duration("delay", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(15));
        Optional<String> deadLetterQueue = n.optionalString("dead-letter-queue");
        boolean receiveCountGiven = n.has("max-receive-count");
        int maxReceiveCount = n.integer("max-receive-count", DEFAULT_MAX_RECEIVE_COUNT, 1, 1000);
        if (receiveCountGiven && deadLetterQueue.isEmpty()) {
            n.problem("max-receive-count", "needs a dead-letter-queue for the messages received that often");
        }
        int messageBytes = n.size("message-bytes", 256 * 1024, 1, 256 * 1024);
        int maxMessages = n.integer("max-messages", 100_000, 1, 10_000_000);
        Optional<ConsumerConfig> consumer = n.optionalSection("consumer", ConsumerConfig::read);
        return new QueueConfig(visibility, retention, delay, deadLetterQueue.isPresent() ? maxReceiveCount : 0,
                deadLetterQueue, messageBytes, maxMessages, consumer);
    }
}
