package io.switchboard.examples.console;

import io.switchboard.handler.ApiServices;
import io.switchboard.handler.TopicHandler;
import io.switchboard.handler.TopicMessage;

/**
 * The console's backend on the {@code messages} topic (what clients {@code publish}, and presence events): answers
 * through the {@code notifications} topic, which the pusher subscribes to, as seed 003's server answers an SNS
 * message through the notifications topic. A failure is retried by the gateway.
 */
public final class MessagesTopicSubscriber implements TopicHandler {
    private final ApiServices api;
    private final ConsoleBackend backend;

    public MessagesTopicSubscriber(ApiServices api) {
        this.api = api;
        this.backend = new ConsoleBackend(api);
    }

    @Override
    public void handle(TopicMessage message) {
        backend.answer(message.body(), message.attributes())
                .ifPresent(request -> api.topics().publish("notifications", request));
    }
}
