package io.switchboard.handler;

import java.util.Map;
import java.util.Objects;

/**
 * A message published to a topic.
 *
 * @param messageId  unique id given at publication
 * @param stage      the API stage the topic belongs to
 * @param topic      the topic's name
 * @param body       the message text
 * @param attributes name–value attributes ({@code user_id}, {@code timestamp}, {@code source}, …)
 * @param timestamp  when the gateway accepted it, epoch milliseconds
 */
public record TopicMessage(String messageId, String stage, String topic, String body, Map<String, String> attributes,
                           long timestamp) {

    public TopicMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(body, "body");
        attributes = MessageAttributes.copyOf(attributes);
    }
}
