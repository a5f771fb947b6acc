package io.switchboard.integration;

import io.switchboard.handler.ApiServices;
import io.switchboard.handler.Connections;
import io.switchboard.handler.Groups;
import io.switchboard.handler.Notifications;
import io.switchboard.handler.Queues;
import io.switchboard.handler.Topics;
import io.switchboard.handler.Users;
import java.util.Objects;

/**
 * The gateway services of one stage, as its route handlers reach them through their
 * {@link io.switchboard.handler.RouteContext} and its topic subscriber and queue consumer classes get them.
 */
public record HandlerServices(Connections connections, Groups groups, Topics topics, Queues queues,
                              Notifications notifications, Users users) implements ApiServices {

    public HandlerServices {
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(users, "users");
    }
}
