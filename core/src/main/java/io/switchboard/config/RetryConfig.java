package io.switchboard.config;

import java.time.Duration;

/**
 * How a topic subscriber's failed deliveries are retried: after {@code delay}, doubling up to {@code maxDelay}, with
 * jitter, {@code retries} times; then the message goes to the topic's dead-letter queue.
 *
 * @param retries  retries after the first attempt (SNS's HTTP default: 3)
 * @param delay    the wait before the first retry
 * @param maxDelay the longest wait between two attempts
 */
public record RetryConfig(int retries, Duration delay, Duration maxDelay) {

    public static final RetryConfig DEFAULTS = new RetryConfig(3, Duration.ofSeconds(1), Duration.ofSeconds(20));

    static RetryConfig read(ConfigNode n) {
        int retries = n.integer("retries", DEFAULTS.retries, 0, 100);
        Duration delay = n.duration("retry-delay", DEFAULTS.delay, Duration.ofMillis(10), Duration.ofHours(1));
        Duration maxDelay = n.duration("max-retry-delay", DEFAULTS.maxDelay.compareTo(delay) < 0 ? delay
                : DEFAULTS.maxDelay, Duration.ofMillis(10), Duration.ofHours(1));
        if (maxDelay.compareTo(delay) < 0) {
            n.problem("max-retry-delay", "must be at least retry-delay (" + Units.format(delay) + ")");
        }
        return new RetryConfig(retries, delay, maxDelay.compareTo(delay) < 0 ? delay : maxDelay);
    }

    /** The wait before retry number {@code retry} (1 for the first), without jitter. */
    public Duration delayBefore(int retry) {
        long millis = delay.toMillis();
        for (int i = 1; i < retry && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
