package io.switchboard.handler;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The queues of the handler's own API, in process, with SQS's rules: what {@code /{stage}/@queues/{queue}/messages}
 * does, without HTTP. Failures are {@link io.switchboard.handler.GatewayException}s: {@code NOT_FOUND} for a queue the
 * API does not have, {@code PAYLOAD_TOO_LARGE} over the queue's {@code message-bytes}, {@code QUEUE_FULL},
 * {@code RECEIPT_HANDLE_INVALID} for a stale receipt handle. Methods may block briefly (a receive for up to its wait);
 * call them from handlers, never from a network thread.
 */
public interface Queues {

    /** Sends a message; returns its id. */
    String send(String queue, String body);

    /** Sends a message with attributes (at most 10), hidden for {@code delay} (0–15 min). */
    String send(String queue, String body, Map<String, String> attributes, Duration delay);

    /** Receives up to {@code max} (1–10) messages, waiting up to {@code wait} (0–20 s) for the first. */
    List<QueueMessage> receive(String queue, int max, Duration wait);

    /** Deletes a received message. */
    void delete(String queue, String receiptHandle);

    /** Hides a received message for {@code timeout} (0–12 h) from now; 0 makes it visible at once. */
    void changeVisibility(String queue, String receiptHandle, Duration timeout);
}
