package io.switchboard.notify;

import io.switchboard.handler.BatchResult;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.PushStats;
import io.switchboard.handler.QueueHandler;
import io.switchboard.handler.QueueMessage;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pusher as a queue's consumer ({@code consumer: {pusher: true}}), as SUMU's pusher behind its SQS event source:
 * each message of a batch is a notification request; all are pushed at once, and those that are not requests or
 * could not be pushed are reported failed, so they come back and end in the dead-letter queue.
 */
public final class PusherConsumer implements QueueHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PusherConsumer.class);
    private static final long PUSH_SECONDS = 30;

    private final Pusher pusher;
    private final String stage;

    public PusherConsumer(Pusher pusher, String stage) {
        this.pusher = pusher;
        this.stage = stage;
    }

    @Override
    public BatchResult handle(List<QueueMessage> batch) {
        Set<String> failed = new HashSet<>();
        Map<String, CompletableFuture<PushStats>> pushes = new LinkedHashMap<>();
        for (QueueMessage m : batch) {
            try {
                pushes.put(m.messageId(), pusher.push(stage, NotificationRequests.parse(m.body())).toCompletableFuture());
            } catch (GatewayException e) {
                LOG.warn("message {} is not a notification request: {}", m.messageId(), e.getMessage());
                failed.add(m.messageId());
            }
        }
        int notified = 0;
        for (Map.Entry<String, CompletableFuture<PushStats>> push : pushes.entrySet()) {
            try {
                notified += push.getValue().get(PUSH_SECONDS, TimeUnit.SECONDS).notified();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(push.getKey());
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("notification request {} could not be pushed", push.getKey(), e);
                failed.add(push.getKey());
            }
        }
        LOG.debug("pushed {} notification requests of {} to {} connections", pushes.size() - failed.size(), stage,
                notified);
        return BatchResult.failed(failed);
    }
}
