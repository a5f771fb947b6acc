package io.switchboard.examples.console;

import io.switchboard.handler.ApiServices;
import io.switchboard.handler.BatchResult;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.QueueHandler;
import io.switchboard.handler.QueueMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's backend on the {@code messages} queue (what clients {@code send}): answers through the
 * {@code notifications} queue, which the pusher consumes, as seed 003's server answers an SQS message through the
 * notifications queue. A message whose answer cannot be queued is reported failed and comes back later.
 */
public final class MessagesQueueConsumer implements QueueHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MessagesQueueConsumer.class);
    private final ApiServices api;
    private final ConsoleBackend backend;

    public MessagesQueueConsumer(ApiServices api) {
        this.api = api;
        this.backend = new ConsoleBackend(api);
    }

    @Override
    public BatchResult handle(List<QueueMessage> batch) {
        Set<String> failed = new HashSet<>();
        for (QueueMessage message : batch) {
            try {
                backend.answer(message.body(), message.attributes())
                        .ifPresent(request -> api.queues().send("notifications", request));
            } catch (GatewayException e) {
                LOG.warn("the answer to message {} could not be queued ({}); it comes back later", message.messageId(),
                        e.getMessage());
                failed.add(message.messageId());
            }
        }
        return BatchResult.failed(failed);
    }
}
