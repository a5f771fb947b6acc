package io.switchboard.queues;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message to send to a queue.
 *
 * @param body       the message text
 * @param attributes name–value attributes
 * @param delay      how long it stays hidden before the first receive; empty for the queue's {@code delay}
 */
public record NewMessage(String body, Map<String, String> attributes, Optional<Duration> delay) {

    public NewMessage {
        Objects.requireNonNull(body, "body");
        attributes = Attributes.copyOf(attributes);
        Objects.requireNonNull(delay, "delay");
    }

    /** A message with attributes and the queue's delay. */
    public static NewMessage of(String body, Map<String, String> attributes) {
        return new NewMessage(body, attributes, Optional.empty());
    }
}
