package io.switchboard.testing;

import io.switchboard.handler.TopicHandler;
import io.switchboard.handler.TopicMessage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A topic subscriber class for tests: records every attempt for the message's stage (see {@link Recorder}) and fails
 * the first N attempts of a message whose body starts with {@code fail:N:}.
 */
public final class FlakyTopicHandler implements TopicHandler {
    private static final ConcurrentHashMap<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    @Override
    public void handle(TopicMessage message) {
        int attempt = ATTEMPTS.computeIfAbsent(message.messageId(), id -> new AtomicInteger()).incrementAndGet();
        Recorder.record(message.stage(), message);
        if (message.body().startsWith("fail:")) {
            int failures = Integer.parseInt(message.body().split(":")[1]);
            if (attempt <= failures) {
                throw new IllegalStateException("attempt " + attempt + " of " + message.messageId() + " fails");
            }
        }
    }
}
