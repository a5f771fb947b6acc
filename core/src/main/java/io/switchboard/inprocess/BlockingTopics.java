package io.switchboard.inprocess;

import io.switchboard.handler.Topics;
import io.switchboard.topics.TopicService;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** The in-process topics API of one stage, as handlers see it. */
final class BlockingTopics implements Topics {
    private final Supplier<TopicService> service;
    private final String stage;

    /**
     * Topics reached through a service found at each call: the handler classes that subscribe to topics get their
     * stage's topics while the topic service that calls them is still being built.
     */
    BlockingTopics(Supplier<TopicService> service, String stage) {
        this.service = Objects.requireNonNull(service, "service");
        this.stage = stage;
    }

    @Override
    public String publish(String topic, String message) {
        return publish(topic, message, Map.of());
    }

    @Override
    public String publish(String topic, String message, Map<String, String> attributes) {
        TopicService topics = Objects.requireNonNull(service.get(), "the topics are not ready yet: publish from "
                + "handle(), not from a constructor");
        return Await.result(topics.publish(stage, topic, message, attributes));
    }
}
