package io.switchboard.testing;

import io.switchboard.handler.ApiServices;
import io.switchboard.handler.TopicHandler;
import io.switchboard.handler.TopicMessage;

/** A topic subscriber class that takes its API's services: each message is a notification request for the pusher. */
public final class ForwardingTopicHandler implements TopicHandler {
    private final ApiServices api;

    public ForwardingTopicHandler(ApiServices api) {
        this.api = api;
    }

    @Override
    public void handle(TopicMessage message) {
        api.notifications().notify(message.body());
    }
}
