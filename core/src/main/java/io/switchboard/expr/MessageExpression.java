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
        String rest = t.startsWith(BODY) ? t.substring(BODY.length()) : null;
        if (rest == null || !rest.isEmpty() && !rest.startsWith(".") && !rest.startsWith("[")) {
            String name = t.startsWith("$") ? t.substring(1) : t;
            Optional<String> meant = Optional.of("$" + name).filter(m -> !m.equals(t))
                    .filter(MessageExpression::valid)
                    .or(() -> Suggestions.correctPrefix(name, "request.body").map(n -> "$" + n)
                            .filter(MessageExpression::valid));
            throw new IllegalArgumentException("'" + text + "' must be $request.body or $request.body.<path>, such as "
                    + "$request.body.message" + Suggestions.didYouMean(meant));
        }
        if (rest.isEmpty()) {
            return new MessageExpression(t, Optional.empty());
        }
        try {
            return new MessageExpression(t, Optional.of(JsonPath.parse("$" + rest)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' has a path that is not supported after "
                    + "$request.body: use .name, ['name'] and [index]");
        }
    }

    private static boolean valid(String expression) {
        try {
            parse(expression);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
