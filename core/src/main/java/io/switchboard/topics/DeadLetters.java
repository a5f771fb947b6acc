package io.switchboard.topics;

import io.switchboard.handler.TopicMessage;
import java.util.concurrent.CompletionStage;

/** Where a topic's messages go when a subscriber could not take them: the topic's dead-letter queue, or the log. */
@FunctionalInterface
interface DeadLetters {

    /**
     * Takes a message a subscriber failed.
     *
     * @param subscriber names the subscriber (its URL, class or {@code pusher})
     * @param reason     the last failure
     */
    CompletionStage<?> take(TopicMessage message, String subscriber, Throwable reason);
}
