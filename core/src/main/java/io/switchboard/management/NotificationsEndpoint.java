package io.switchboard.management;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.PushStats;
import io.switchboard.http.ManagementResponses;
import io.switchboard.notify.NotificationRequests;
import io.switchboard.notify.Pusher;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /{stage}/@notifications} with SUMU's notification request
 * {@code {"users":[…],"exclude_users":[…],"data":…}}: the pusher sends {@code data} to the targeted connections and
 * answers {@code {"notified":n,"gone":g,"pruned":p,"elapsed_ms":t}}.
 */
final class NotificationsEndpoint {
    private final Pusher pusher;

    NotificationsEndpoint(Pusher pusher) {
        this.pusher = pusher;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String stage, boolean keepAlive) {
        if (!request.method().equals(HttpMethod.POST)) {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, "@notifications takes POST", keepAlive);
            return;
        }
        Replies.call(ctx, () -> pusher.push(stage, NotificationRequests.parse(request.content()
                .toString(StandardCharsets.UTF_8))), keepAlive, stats -> ManagementResponses.json(ctx, describe(stats),
                keepAlive));
    }

    private static Map<String, Object> describe(PushStats stats) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notified", stats.notified());
        body.put("gone", stats.gone());
        body.put("pruned", stats.pruned());
        body.put("elapsed_ms", stats.elapsedMillis());
        return body;
    }
}
