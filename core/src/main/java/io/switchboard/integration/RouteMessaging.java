package io.switchboard.integration;

import io.switchboard.expr.MessageExpression;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import io.switchboard.json.Json;
import io.switchboard.users.UserService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The {@code topic} and {@code queue} integrations, SUMU's {@code publish} and {@code send} routes: the mapped part of
 * the client's message goes to a topic or queue with the attributes {@code user_id} (the connection's user),
 * {@code timestamp} (when the gateway received the message, epoch milliseconds: never a time the client chose) and
 * {@code source} ({@code switchboard.route.<key>}). The answer is {@code {"messageId":"…"}} (sent back with
 * {@code route-response: true}); a message without the mapped part, over the size limit, or for a full queue gets
 * the matching 4xx status and {@code {"message":"…"}}. Runs on the event loop and waits for nothing.
 */
public final class RouteMessaging implements Integration {

    /** Where the message goes: a topic's publish or a queue's send; completes with the message id. */
    @FunctionalInterface
    public interface Destination {
        CompletionStage<String> send(String body, Map<String, String> attributes);
    }

    private final String stage;
    private final String source;
    private final MessageExpression message;
    private final UserService users;
    private final Destination destination;

    public RouteMessaging(String stage, String routeKey, MessageExpression message, UserService users,
                          Destination destination) {
        this.stage = stage;
        this.source = "switchboard.route." + routeKey;
        this.message = message;
        this.users = users;
        this.destination = destination;
    }

    @Override
    public CompletionStage<RouteResult> invoke(RouteEvent event, Invocation invocation) {
        Optional<String> body = message.evaluate(event);
        if (body.isEmpty()) {
            return CompletableFuture.completedFuture(answer(400, "the message has nothing at " + message));
        }
        return users.userOf(stage, event.connectionId())
                .thenCompose(user -> {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    attributes.put("user_id", user.orElse(event.connectionId()));
                    attributes.put("timestamp", Long.toString(event.requestTimeEpoch()));
                    attributes.put("source", source);
                    return destination.send(body.get(), attributes);
                })
                .handle((id, error) -> {
                    if (error == null) {
                        return RouteResult.ok(Json.MAPPER.writeValueAsString(Map.of("messageId", id)));
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof GatewayException e && e.error() != GatewayError.INTERNAL_ERROR) {
                        return answer(e.error().httpStatus(), e.getMessage());
                    }
                    throw error instanceof CompletionException c ? c : new CompletionException(error);
                });
    }

    private static RouteResult answer(int status, String detail) {
        return RouteResult.status(status).withBody(Json.MAPPER.writeValueAsString(Map.of("message", detail)));
    }
}
