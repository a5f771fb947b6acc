package io.switchboard.inprocess;

import io.switchboard.handler.QueueMessage;
import io.switchboard.handler.Queues;
import io.switchboard.queues.NewMessage;
import io.switchboard.queues.QueueService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The in-process queues API of one stage, as handlers see it. */
final class BlockingQueues implements Queues {
    private final QueueService service;
    private final String stage;

    BlockingQueues(QueueService service, String stage) {
        this.service = service;
        this.stage = stage;
    }

    @Override
    public String send(String queue, String body) {
        return Await.result(service.send(stage, queue, NewMessage.of(body, Map.of())));
    }

    @Override
    public String send(String queue, String body, Map<String, String> attributes, Duration delay) {
        return Await.result(service.send(stage, queue, new NewMessage(body, attributes, Optional.of(delay))));
    }

    @Override
    public List<QueueMessage> receive(String queue, int max, Duration wait) {
        return Await.result(service.receive(stage, queue, max, wait, Optional.empty()));
    }

    @Override
    public void delete(String queue, String receiptHandle) {
        Await.result(service.delete(stage, queue, receiptHandle));
    }

    @Override
    public void changeVisibility(String queue, String receiptHandle, Duration timeout) {
        Await.result(service.changeVisibility(stage, queue, receiptHandle, timeout));
    }
}
