package io.switchboard.topics;

import io.switchboard.handler.TopicMessage;
import java.util.concurrent.CompletionStage;

/**
 * Carries topic messages to the in-process subscribers of every node: each published message reaches the listener
 * the engine registered at start once on every node (on the in-memory engine, this one), in publication order for
 * the messages of one topic published from one node. Subscribers that must see a message once in the whole cluster
 * (queues, webhooks, the pusher) are served by the publishing node instead, not through the bus.
 */
public interface TopicBus {

    /** Sends a message to every node's listener; completes once the bus has taken it. */
    CompletionStage<Void> publish(TopicMessage message);
}
