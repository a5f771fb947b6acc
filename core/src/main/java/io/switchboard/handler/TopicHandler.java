package io.switchboard.handler;

/**
 * An in-process subscriber of a topic, called with each message on the function threads (it may block). Throwing
 * makes the gateway retry the message with backoff and, once the retries are spent, send it to the topic's
 * dead-letter queue. Name the class in a topic's {@code subscribers: [{handler: …}]} (called once per message, by
 * the node that published it), or subscribe an instance through {@link TopicService#subscribe} (called on the node
 * where it subscribed).
 */
@FunctionalInterface
public interface TopicHandler {

    /** Handles one message. */
    void handle(TopicMessage message) throws Exception;
}
