package io.switchboard.testing;

import io.switchboard.handler.TopicHandler;
import io.switchboard.handler.TopicMessage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A topic subscriber for tests: records every attempt for the message's stage into its {@link Recorder} and fails
 * the first N attempts of a message whose body starts with {@code fail:N:}.
 */
public final class FlakyTopicHandler implements TopicHandler {
    private final ConcurrentHashMap<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Recorder recorder;

    /** A subscriber that records into {@code recorder}. */
    public FlakyTopicHandler(Recorder recorder) {
        this.recorder = java.util.Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public void handle(TopicMessage message) {
        int attempt = attempts.computeIfAbsent(message.messageId(), id -> new AtomicInteger()).incrementAndGet();
        recorder.record(message.stage(), message);
        if (message.body().startsWith("fail:")) {
            int failures = Integer.parseInt(message.body().split(":")[1]);
            if (attempt <= failures) {
                throw new IllegalStateException("attempt " + attempt + " of " + message.messageId() + " fails");
            }
        }
    }
}
