package io.switchboard.examples.broadcast;

import io.switchboard.examples.Messages;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Seed 002's {@code broadcastMessage}: {@code {"action":"onMessage","message":"Hello","key":"…"}} goes to every other
 * listener as {@code {"type":"message","from":…,"message":…}}. Without the right key the sender gets
 * {@code {"type":"error","statusCode":403,"message":"Forbidden: …"}} and nobody else gets anything; without a
 * {@code message}, a 400 error.
 */
public final class OnMessage implements RouteHandler {
    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        JsonNode body;
        try {
            body = Messages.JSON.readTree(event.body().orElse(""));
        } catch (JacksonException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return error(400, "the message must be a JSON object");
        }
        JsonNode key = body.path("key");
        if (!BroadcastKey.valid(event.stageVariables(), key.isString() ? Optional.of(key.asString()) : Optional.empty())) {
            return error(403, "Forbidden: a valid key is required");
        }
        JsonNode message = body.path("message");
        if (message.isMissingNode() || message.isNull()) {
            return error(400, "message is required");
        }
        String me = event.connectionId();
        context.groups().join(Listeners.GROUP, me);
        var fanOut = context.groups().post(Listeners.GROUP,
                Messages.json("type", "message", "from", me, "message", message), Set.of(me));
        return RouteResult.ok(Messages.json("type", "sent", "delivered", fanOut.delivered()));
    }

    private static RouteResult error(int status, String message) {
        return RouteResult.status(status).withBody(Messages.json("type", "error", "statusCode", status,
                "message", message));
    }
}
