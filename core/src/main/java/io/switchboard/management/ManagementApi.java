package io.switchboard.management;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.switchboard.config.ManagementConfig;
import io.switchboard.connections.ConnectionService;
import io.switchboard.groups.GroupService;
import io.switchboard.handler.GatewayError;
import io.switchboard.http.HttpEndpoint;
import io.switchboard.http.ManagementResponses;
import io.switchboard.http.RoutedRequest;
import io.switchboard.notify.Pusher;
import io.switchboard.proxies.ClientAddress;
import io.switchboard.queues.QueueService;
import io.switchboard.topics.TopicService;
import io.switchboard.users.UserService;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API under each stage: {@code /{stage}/@connections/…}, {@code /{stage}/@groups/…}, and the real-time
 * stack's {@code @users}, {@code @notifications}, {@code @topics} and {@code @queues}. Every call is authenticated first ({@link ManagementAuth}); then the path picks the operation. Path segments are
 * percent-decoded, so {@code %3D} in a connection id is {@code =}. Runs on the request's event loop.
 */
public final class ManagementApi implements HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);

    private final Predicate<String> servesStage;
    private final ManagementAuth auth;
    private final ConnectionsEndpoint connections;
    private final GroupsEndpoint groups;
    private final UsersEndpoint users;
    private final NotificationsEndpoint notifications;
    private final TopicsEndpoint topics;
    private final QueuesEndpoint queues;

    /** The services the management API's operations call. */
    public record Services(ConnectionService connections, GroupService groups, UserService users, Pusher pusher,
                           TopicService topics, QueueService queues) {

        public Services {
            Objects.requireNonNull(connections, "connections");
            Objects.requireNonNull(groups, "groups");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(pusher, "pusher");
            Objects.requireNonNull(topics, "topics");
            Objects.requireNonNull(queues, "queues");
        }
    }

    /**
     * @param config      who may call it
     * @param servesStage whether an API is served at a stage (calls for other stages are refused with 403)
     */
    public ManagementApi(ManagementConfig config, Predicate<String> servesStage, Services services, Clock clock) {
        this.servesStage = Objects.requireNonNull(servesStage, "servesStage");
        this.auth = new ManagementAuth(config, clock);
        this.connections = new ConnectionsEndpoint(services.connections());
        this.groups = new GroupsEndpoint(services.groups());
        this.users = new UsersEndpoint(services.users());
        this.notifications = new NotificationsEndpoint(services.pusher());
        this.topics = new TopicsEndpoint(services.topics());
        this.queues = new QueuesEndpoint(services.queues());
    }

    @Override
    public boolean serves(RoutedRequest request) {
        return isManagementPath(request.rawPath());
    }

    @Override
    public void handle(ChannelHandlerContext ctx, RoutedRequest request) {
        handle(ctx, request.request(), request.rawPath(), request.client());
    }

    /** Whether the raw path is {@code /{stage}/@…} ({@code @} possibly as {@code %40}), a management call. */
    public static boolean isManagementPath(String rawPath) {
        int second = rawPath.indexOf('/', 1);
        return rawPath.startsWith("/") && second > 1
                && (rawPath.startsWith("/@", second) || rawPath.regionMatches(true, second, "/%40", 0, 4));
    }

    /** Answers one management request; the caller releases it. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path, ClientAddress client) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Optional<String> refused = auth.rejection(request, client);
        if (refused.isPresent()) {
            LOG.debug("management call {} {} from {} (through {}) refused: {}", request.method(), path,
                    client.ip(), ctx.channel().remoteAddress(), refused.get());
            ManagementResponses.error(ctx, GatewayError.FORBIDDEN, refused.get(), keepAlive);
            return;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = SigV4Encoding.decode(segments[i]);
        }
        String stage = segments[0];
        if (!servesStage.test(stage)) {
            ManagementResponses.error(ctx, GatewayError.FORBIDDEN, "No API is served at stage " + stage, keepAlive);
            return;
        }
        if (segments[1].equals("@connections") && segments.length == 3 && !segments[2].isEmpty()) {
            connections.handle(ctx, request, stage, segments[2], keepAlive);
        } else if (segments[1].equals("@groups") && segments.length == 3) {
            groups.group(ctx, request, stage, segments[2], keepAlive);
        } else if (segments[1].equals("@groups") && segments.length == 5 && segments[3].equals("members")
                && !segments[4].isEmpty()) {
            groups.member(ctx, request, stage, segments[2], segments[4], keepAlive);
        } else if (!realtime(ctx, request, stage, segments, keepAlive)) {
            ManagementResponses.error(ctx, GatewayError.NOT_FOUND, "No method found matching route " + path
                    + " for http method " + request.method(), keepAlive);
        }
    }

    /** Routes {@code @users}, {@code @notifications}, {@code @topics} and {@code @queues}; false for other paths. */
    private boolean realtime(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String[] segments,
                             boolean keepAlive) {
        int n = segments.length;
        boolean named = n >= 3 && !segments[2].isEmpty();
        switch (segments[1]) {
            case "@users" -> {
                if (n == 2) {
                    users.all(ctx, request, stage, keepAlive);
                } else if (n == 3 && named) {
                    users.user(ctx, request, stage, segments[2], keepAlive);
                } else {
                    return false;
                }
            }
            case "@notifications" -> {
                if (n != 2) {
                    return false;
                }
                notifications.handle(ctx, request, stage, keepAlive);
            }
            case "@topics" -> {
                if (n != 3 || !named) {
                    return false;
                }
                topics.handle(ctx, request, stage, segments[2], keepAlive);
            }
            case "@queues" -> {
                if (!named || n > 3 && !segments[3].equals("messages")) {
                    return false;
                }
                if (n == 3) {
                    queues.queue(ctx, request, stage, segments[2], keepAlive);
                } else if (n == 4) {
                    queues.messages(ctx, request, stage, segments[2], keepAlive);
                } else if (n == 5 && !segments[4].isEmpty()) {
                    queues.receipt(ctx, request, stage, segments[2], segments[4], keepAlive);
                } else if (n == 6 && !segments[4].isEmpty() && segments[5].equals("visibility")) {
                    queues.visibility(ctx, request, stage, segments[2], segments[4], keepAlive);
                } else {
                    return false;
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
