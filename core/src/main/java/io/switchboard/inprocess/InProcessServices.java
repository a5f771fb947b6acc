package io.switchboard.inprocess;

import io.switchboard.connections.ConnectionService;
import io.switchboard.groups.GroupService;
import io.switchboard.handler.ApiServices;
import io.switchboard.handler.Connections;
import io.switchboard.handler.Groups;
import io.switchboard.handler.Notifications;
import io.switchboard.handler.Queues;
import io.switchboard.handler.Topics;
import io.switchboard.handler.Users;
import io.switchboard.notify.Pusher;
import io.switchboard.queues.QueueService;
import io.switchboard.topics.TopicService;
import io.switchboard.users.UserService;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The gateway services of one stage, as its route handlers reach them through their
 * {@link io.switchboard.handler.RouteContext} and its topic subscriber and queue consumer classes get them: blocking
 * views over the asynchronous services, waiting on the caller's (function) thread.
 */
public record InProcessServices(Connections connections, Groups groups, Topics topics, Queues queues,
                                Notifications notifications, Users users) implements ApiServices {

    public InProcessServices {
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(notifications, "notifications");
        Objects.requireNonNull(users, "users");
    }

    /**
     * The services of {@code stage}. Topics are reached through a supplier asked at each call: the handler classes
     * that subscribe to topics get their stage's services while the topic service that calls them is being built.
     */
    public static InProcessServices of(String stage, ConnectionService connections, GroupService groups,
                                       Supplier<TopicService> topics, QueueService queues, Pusher pusher,
                                       UserService users) {
        return new InProcessServices(new BlockingConnections(connections, stage), new BlockingGroups(groups, stage),
                new BlockingTopics(topics, stage), new BlockingQueues(queues, stage),
                new BlockingNotifications(pusher, stage), new BlockingUsers(users, stage));
    }
}
