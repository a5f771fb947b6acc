package io.switchboard.queues;

import io.switchboard.handler.QueueMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Queues with the semantics of SQS standard queues: at-least-once delivery in roughly the order sent, a visibility
 * timeout after each receive, deletion by receipt handle, a dead-letter queue after too many receives, and a retention
 * period. The engine provides it; the in-memory store completes at once except for long polls.
 *
 * <p>Operations on a queue that was never declared fail with a {@code GatewayException} of {@code NOT_FOUND}.
 */
public interface QueueStore {

    /** Creates a queue, or changes the settings of an existing one (its messages stay). */
    CompletionStage<Void> declare(QueueId queue, QueueSettings settings);

    /**
     * Adds a message; returns its id. Fails with {@code QUEUE_FULL} when the queue holds
     * {@link QueueSettings#maxMessages()} messages.
     */
    CompletionStage<String> send(QueueId queue, NewMessage message);

    /**
     * Receives up to {@code max} visible messages, hiding each for {@code visibilityTimeout}. When none is visible,
     * waits up to {@code wait} for one (a long poll) and completes as soon as one arrives; an empty list means none
     * came. Cancelling the returned stage ends the wait and leaves any message for other receivers.
     */
    CompletionStage<List<QueueMessage>> receive(QueueId queue, int max, Duration wait, Duration visibilityTimeout);

    /**
     * Deletes a received message; false when the receipt handle no longer holds it (deleted before, or visible again
     * since its visibility timeout passed, which makes the handle stale).
     */
    CompletionStage<Boolean> delete(QueueId queue, String receiptHandle);

    /**
     * Hides a received message for {@code timeout} from now ({@code 0} makes it visible at once); false when the
     * receipt handle no longer holds it.
     */
    CompletionStage<Boolean> changeVisibility(QueueId queue, String receiptHandle, Duration timeout);

    /** The queue's counts. */
    CompletionStage<QueueStats> stats(QueueId queue);
}
