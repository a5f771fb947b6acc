package io.switchboard.testing;

import io.switchboard.handler.ApiServices;
import io.switchboard.handler.BatchResult;
import io.switchboard.handler.QueueHandler;
import io.switchboard.handler.QueueMessage;
import java.util.List;

/** A queue consumer class that takes its API's services: each message is a notification request for the pusher. */
public final class ForwardingQueueHandler implements QueueHandler {
    private final ApiServices api;

    public ForwardingQueueHandler(ApiServices api) {
        this.api = api;
    }

    @Override
    public BatchResult handle(List<QueueMessage> batch) {
        batch.forEach(message -> api.notifications().notify(message.body()));
        return BatchResult.ok();
    }
}
