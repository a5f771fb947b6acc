package io.switchboard.integration;

import io.switchboard.handler.Connections;
import io.switchboard.handler.Groups;
import io.switchboard.handler.Notifications;
import io.switchboard.handler.Queues;
import io.switchboard.handler.Topics;
import io.switchboard.handler.Users;
import java.util.Objects;

/** The gateway services a handler of one stage reaches through its {@link io.switchboard.handler.RouteContext}. */
public record HandlerServices(Connections connections, Groups groups, Topics topics, Queues queues,
                              Notifications notifications, Users users) {

    public HandlerServices {
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(users, "users");
    }
}
