package io.switchboard.examples.meetings;

import io.switchboard.examples.Messages;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reading the meetings' messages and answering their errors. */
final class Requests {

    private Requests() {
    }

    /** The message as a JSON object, or empty when it is not one. */
    static Optional<JsonNode> body(RouteEvent event) {
        try {
            JsonNode body = Messages.JSON.readTree(event.body().orElse(""));
            return body != null && body.isObject() ? Optional.of(body) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** A string field, or "" when it is missing or not a string. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isString() ? value.asString() : "";
    }

    /** {@code {"type":"error","message":…}} with a 400 status. */
    static RouteResult error(String message) {
        return RouteResult.status(400).withBody(Messages.json("type", "error", "message", message));
    }

    /** Now, as the ISO-8601 instant pages show in local time. */
    static String now() {
        return Instant.now().toString();
    }
}
