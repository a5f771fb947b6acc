package io.switchboard.management;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.handler.GatewayError;
import io.switchboard.http.ManagementResponses;
import io.switchboard.topics.TopicService;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /{stage}/@topics/{topic}} with {@code {"message": …, "attributes": {…}}}: publishes to every subscriber
 * (a message that is not a string is published as its JSON text) and answers {@code {"message_id":"…"}} once the
 * topic's queues have it.
 */
final class TopicsEndpoint {
    private final TopicService topics;

    TopicsEndpoint(TopicService topics) {
        this.topics = topics;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String topic, boolean keepAlive) {
        if (!request.method().equals(HttpMethod.POST)) {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, "@topics/{topic} takes POST", keepAlive);
            return;
        }
        Replies.call(ctx, () -> {
            JsonNode body = JsonRequests.object(request);
            return topics.publish(stage, topic, JsonRequests.text(body, "message"), JsonRequests.attributes(body));
        }, keepAlive, id -> ManagementResponses.json(ctx, Map.of("message_id", id), keepAlive));
    }
}
