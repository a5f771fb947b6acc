package io.switchboard.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A topic: what publishing to it reaches.
 *
 * @param subscribers     queues, webhooks, in-process handlers and the pusher, in file order
 * @param deadLetterQueue the queue of the same API that takes messages a webhook or handler failed to take after
 *                        its retries; without one such messages are logged and dropped
 */
public record TopicConfig(List<SubscriberConfig> subscribers, Optional<String> deadLetterQueue) {

    static TopicConfig read(ConfigNode n, Map<String, String> stageVariables) {
        List<SubscriberConfig> subscribers = n.list("subscribers", s -> SubscriberConfig.read(s, stageVariables));
        return new TopicConfig(subscribers, n.optionalString("dead-letter-queue"));
    }
}
