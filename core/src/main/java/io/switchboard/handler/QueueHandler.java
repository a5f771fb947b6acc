package io.switchboard.handler;

import java.util.List;

/**
 * An in-process consumer of a queue, called like a Lambda function behind an SQS event source mapping: with a batch
 * of received messages, on the function threads (it may block). Messages it does not report as failed are deleted;
 * failed ones are received again once their visibility timeout passes, and after {@code max-receive-count} receives
 * move to the dead-letter queue. Throwing fails the whole batch. Name the class in {@code queues.<name>.consumer}, or
 * register an instance through {@link QueueService#consume}.
 */
@FunctionalInterface
public interface QueueHandler {

    /**
     * Handles a batch of 1 to {@code batch-size} messages.
     *
     * @return the ids of the messages that failed (Lambda's {@code batchItemFailures}); an id that is not in the
     *         batch fails the whole batch, as on Lambda
     */
    BatchResult handle(List<QueueMessage> batch) throws Exception;
}
