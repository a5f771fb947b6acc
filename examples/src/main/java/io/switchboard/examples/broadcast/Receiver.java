package io.switchboard.examples.broadcast;

import io.switchboard.examples.Messages;
import io.switchboard.handler.HttpRequestEvent;
import io.switchboard.handler.HttpRouteHandler;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteResult;
import java.util.regex.Pattern;

/**
 * Seed 002's REST API: {@code GET /{stage}/receiver?progId=N} with the key in {@code x-api-key} sends
 * {@code {"type":"program","progId":N}} to every listener and answers {@code {"progId":N,"delivered":n}}. A missing or
 * wrong key is 403 {@code {"message":"Forbidden"}} (API Gateway's answer without a valid API key); a {@code progId}
 * that is not a positive whole number is 400.
 */
public final class Receiver implements HttpRouteHandler {
    /** Positive whole numbers that JavaScript still reads exactly (below 2^53). */
    private static final Pattern PROGRAM_ID = Pattern.compile("[1-9][0-9]{0,14}");

    @Override
    public RouteResult handle(HttpRequestEvent request, RouteContext context) {
        if (!BroadcastKey.valid(request.stageVariables(), request.header("x-api-key"))) {
            return RouteResult.status(403).withBody(Messages.json("message", "Forbidden"));
        }
        String progId = request.queryParameter("progId").orElse("").trim();
        if (!PROGRAM_ID.matcher(progId).matches()) {
            return RouteResult.status(400).withBody(Messages.json("message",
                    "progId must be a positive whole number, not '" + progId + "'"));
        }
        long number = Long.parseLong(progId);
        var fanOut = context.groups().post(Listeners.GROUP, Messages.json("type", "program", "progId", number));
        return RouteResult.ok(Messages.json("progId", number, "delivered", fanOut.delivered()));
    }
}
