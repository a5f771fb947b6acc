package io.switchboard.management;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.Groups;
import io.switchboard.handler.UserPresence;
import io.switchboard.http.ManagementResponses;
import io.switchboard.users.UserService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Connections by user: {@code GET /{stage}/@users} lists the connected users; {@code POST /{stage}/@users/{userId}}
 * sends the body to every connection of the user (text if valid UTF-8, else binary) and answers
 * {@code {"delivered":n,"gone":m}}; {@code GET /{stage}/@users/{userId}} tells the user's presence and connections.
 */
final class UsersEndpoint {
    private final UserService users;

    UsersEndpoint(UserService users) {
        this.users = users;
    }

    void all(ChannelHandlerContext ctx, FullHttpRequest request, String stage, boolean keepAlive) {
        if (!request.method().equals(HttpMethod.GET)) {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, "@users takes GET", keepAlive);
            return;
        }
        Replies.call(ctx, () -> users.connected(stage), keepAlive,
                connected -> ManagementResponses.json(ctx, Map.of("users", new TreeSet<>(connected)), keepAlive));
    }

    void user(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String userId, boolean keepAlive) {
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.POST)) {
            OutboundMessage message = OutboundMessage.of(request.content());
            Replies.call(ctx, () -> users.post(stage, userId, message), keepAlive, stats -> ManagementResponses.json(
                    ctx, new Groups.FanOut(stats.notified(), stats.gone()), keepAlive));
        } else if (method.equals(HttpMethod.GET)) {
            Replies.call(ctx, () -> users.presence(stage, userId).thenCombine(users.connectionsOf(stage, userId),
                    UsersEndpoint::describe), keepAlive, body -> ManagementResponses.json(ctx, body, keepAlive));
        } else {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, "@users/{userId} takes POST and GET",
                    keepAlive);
        }
    }

    private static Map<String, Object> describe(UserPresence presence, List<ConnectionRecord> connections) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user_id", presence.userId());
        out.put("status", presence.status().name());
        if (presence.since() > 0) {
            out.put("since", presence.since());
        }
        out.put("connections", connections.stream().map(c -> {
            Map<String, Object> connection = new LinkedHashMap<>();
            connection.put("connection_id", c.connectionId());
            connection.put("connected_at", c.connectedAt());
            connection.put("node", c.nodeId());
            return connection;
        }).toList());
        return out;
    }
}
