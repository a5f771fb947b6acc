package io.switchboard.topics;

import io.switchboard.engine.Await;
import io.switchboard.handler.Topics;
import java.util.Map;

/** The in-process topics API of one stage, as handlers see it. */
public final class BlockingTopics implements Topics {
    private final TopicService service;
    private final String stage;

    public BlockingTopics(TopicService service, String stage) {
        this.service = service;
        this.stage = stage;
    }

    @Override
    public String publish(String topic, String message) {
        return publish(topic, message, Map.of());
    }

    @Override
    public String publish(String topic, String message, Map<String, String> attributes) {
        return Await.result(service.publish(stage, topic, message, attributes));
    }
}
