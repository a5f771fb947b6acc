package io.switchboard.management;

import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads the JSON bodies and query parameters of the real-time management calls; bad input is a 400. */
final class JsonRequests {

    private JsonRequests() {
    }

    /** The body as a JSON object. */
    static JsonNode object(FullHttpRequest request) {
        JsonNode root;
        try (ByteBufInputStream in = new ByteBufInputStream(request.content().duplicate())) {
            root = Json.MAPPER.readTree(in);
        } catch (JacksonException e) {
            throw bad("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw bad("the body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad("the body is a JSON object");
        }
        return root;
    }

    /** A required text field; a JSON value other than a string is taken as its compact JSON text. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw bad("\"" + field + "\" is required");
        }
        return value.isString() ? value.asString() : Json.MAPPER.writeValueAsString(value);
    }

    /** {@code "attributes": {"name": "value", …}}; numbers and booleans are taken as their text. */
    static Map<String, String> attributes(JsonNode body) {
        JsonNode value = body.get("attributes");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw bad("\"attributes\" is an object of names to values");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        value.forEachEntry((name, v) -> {
            if (!v.isValueNode() || v.isNull()) {
                throw bad("attribute \"" + name + "\" must be a string, a number or a boolean");
            }
            attributes.put(name, v.asString());
        });
        return attributes;
    }

    /** A whole number field between {@code min} and {@code max}, if present. */
    static Optional<Integer> integer(JsonNode body, String field, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw bad("\"" + field + "\" is a whole number from " + min + " to " + max);
        }
        return Optional.of(value.asInt());
    }

    /** A whole-number query parameter between {@code min} and {@code max}, if present. */
    static Optional<Integer> query(FullHttpRequest request, String name, int min, int max) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(values.get(values.size() - 1).trim());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad("query parameter " + name + " is a whole number from " + min + " to " + max);
    }

    static GatewayException bad(String detail) {
        return GatewayException.of(GatewayError.BAD_REQUEST, detail);
    }
}
