package io.switchboard.management;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.groups.GroupService;
import io.switchboard.handler.GatewayError;
import io.switchboard.http.ManagementResponses;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rooms over HTTP: {@code GET /{stage}/@groups/{group}} lists members, {@code POST} sends the body to every member
 * (but those in {@code ?exclude=id1,id2}) and answers {@code {"delivered": n, "gone": m}};
 * {@code PUT|DELETE /{stage}/@groups/{group}/members/{connectionId}} adds or removes a member (204).
 */
final class GroupsEndpoint {
    private final GroupService groups;

    GroupsEndpoint(GroupService groups) {
        this.groups = groups;
    }

    void group(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String group, boolean keepAlive) {
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.GET)) {
            Replies.when(ctx, groups.members(stage, group), keepAlive, members -> ManagementResponses.json(ctx,
                    new GroupMembers(group, new TreeSet<>(members)), keepAlive));
        } else if (method.equals(HttpMethod.POST)) {
            OutboundMessage message = OutboundMessage.of(request.content());
            Replies.when(ctx, groups.post(stage, group, message, excluded(request)), keepAlive,
                    fanOut -> ManagementResponses.json(ctx, fanOut, keepAlive));
        } else {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, "@groups/{group} takes GET and POST",
                    keepAlive);
        }
    }

    void member(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String group, String connectionId,
                boolean keepAlive) {
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.PUT)) {
            Replies.when(ctx, groups.join(stage, group, connectionId), keepAlive,
                    ok -> ManagementResponses.empty(ctx, HttpResponseStatus.NO_CONTENT, keepAlive));
        } else if (method.equals(HttpMethod.DELETE)) {
            Replies.when(ctx, groups.leave(stage, group, connectionId), keepAlive,
                    ok -> ManagementResponses.empty(ctx, HttpResponseStatus.NO_CONTENT, keepAlive));
        } else {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED,
                    "@groups/{group}/members/{connectionId} takes PUT and DELETE", keepAlive);
        }
    }

    /** The answer to {@code GET @groups/{group}}. */
    record GroupMembers(String group, java.util.SortedSet<String> members) {
    }

    /** {@code exclude=a,b} and {@code exclude=a&exclude=b} alike. */
    private static Set<String> excluded(FullHttpRequest request) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().getOrDefault("exclude", List.of());
        Set<String> ids = new LinkedHashSet<>();
        for (String value : values) {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.trim());
                }
            }
        }
        return ids;
    }
}
