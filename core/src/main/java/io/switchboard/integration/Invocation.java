package io.switchboard.integration;

import io.switchboard.handler.ApiServices;
import io.switchboard.handler.Connections;
import io.switchboard.handler.Groups;
import io.switchboard.handler.Notifications;
import io.switchboard.handler.Queues;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.Topics;
import io.switchboard.handler.Users;
import java.time.Duration;

/** One call of an integration: its request id, deadline and the services of its stage. */
public final class Invocation implements RouteContext {
    private final String requestId;
    private final long deadlineNanos;
    private final ApiServices services;

    public Invocation(String requestId, Duration timeout, ApiServices services) {
        this.requestId = requestId;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.services = services;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public Duration remainingTime() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    @Override
    public Connections connections() {
        return services.connections();
    }

    @Override
    public Groups groups() {
        return services.groups();
    }

    @Override
    public Topics topics() {
        return services.topics();
    }

    @Override
    public Queues queues() {
        return services.queues();
    }

    @Override
    public Notifications notifications() {
        return services.notifications();
    }

    @Override
    public Users users() {
        return services.users();
    }
}
