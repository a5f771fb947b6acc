package io.switchboard.handler;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message as a receive returns it.
 *
 * @param messageId             given when it was sent; the same on every receive
 * @param receiptHandle         the handle of this receive, for deleting it or changing its visibility; a later
 *                              receive of the same message gets another handle and invalidates this one
 * @param body                  the message text
 * @param attributes            name–value attributes, as sent
 * @param sentTimestamp         when it was first sent, epoch milliseconds
 * @param receiveCount          how many times it has been received, this receive included
 * @param firstReceiveTimestamp when it was first received, epoch milliseconds
 * @param deadLetterSource      for a message moved to a dead-letter queue: the queue it came from
 */
public record QueueMessage(String messageId, String receiptHandle, String body, Map<String, String> attributes,
                           long sentTimestamp, int receiveCount, long firstReceiveTimestamp,
                           Optional<String> deadLetterSource) {

    public QueueMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        Objects.requireNonNull(body, "body");
        attributes = MessageAttributes.copyOf(attributes);
        Objects.requireNonNull(deadLetterSource, "deadLetterSource");
    }
}
