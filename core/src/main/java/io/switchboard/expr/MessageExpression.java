package io.switchboard.expr;

import io.switchboard.handler.RouteEvent;
import io.switchboard.json.Json;
import io.switchboard.json.JsonPath;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a {@code topic} or {@code queue} route sends, as API Gateway's {@code route.request.body.message} mapping:
 * {@code $request.body} is the whole message as the client sent it; {@code $request.body.path} is the value at a
 * JSONPath of a JSON message, a string as its text and anything else as compact JSON.
 */
public final class MessageExpression {
    private static final String BODY = "$request.body";

    private final String text;
    private final Optional<JsonPath> path;

    private MessageExpression(String text, Optional<JsonPath> path) {
        this.text = text;
        this.path = path;
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static MessageExpression parse(String text) {
        String t = text.trim();
        if (!t.startsWith(BODY)) {
            throw new IllegalArgumentException("'" + text + "' must be $request.body or $request.body.<path>, such as "
                    + "$request.body.message");
        }
        String rest = t.substring(BODY.length());
        if (rest.isEmpty()) {
            return new MessageExpression(t, Optional.empty());
        }
        if (!rest.startsWith(".") && !rest.startsWith("[")) {
            throw new IllegalArgumentException("'" + text + "' must continue with .name or ['name'] after "
                    + "$request.body");
        }
        return new MessageExpression(t, Optional.of(JsonPath.parse("$" + rest)));
    }

    /** The message to send; empty when the client's message is not JSON or has nothing at the path. */
    public Optional<String> evaluate(RouteEvent event) {
        Optional<String> body = event.body();
        if (path.isEmpty() || body.isEmpty()) {
            return body;
        }
        if (event.isBase64Encoded()) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body.get());
            return root == null ? Optional.empty() : path.get().find(root)
                    .filter(node -> !node.isMissingNode() && !node.isNull())
                    .map(node -> node.isString() ? node.asString() : Json.MAPPER.writeValueAsString(node));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
