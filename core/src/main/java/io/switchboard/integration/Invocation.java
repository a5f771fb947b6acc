package io.switchboard.integration;

import io.switchboard.handler.RouteContext;
import java.time.Duration;

/** One call of an integration: its request id and deadline. */
public final class Invocation implements RouteContext {
    private final String requestId;
    private final long deadlineNanos;

    public Invocation(String requestId, Duration timeout) {
        this.requestId = requestId;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public Duration remainingTime() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
