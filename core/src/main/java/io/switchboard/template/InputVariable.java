package io.switchboard.template;

import io.switchboard.handler.RouteEvent;
import io.switchboard.json.Json;
import io.switchboard.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code $input}: the request body and parameters.
 *
 * <p>{@code $input.body} is the raw message; {@code $input.json('$.a')} is the JSON text at a path;
 * {@code $input.path('$.a')} the value itself, to navigate further; {@code $input.params()} the CONNECT request's
 * {@code header}, {@code querystring} and {@code path} parameters, and {@code $input.params('x')} one of them.
 */
public final class InputVariable {
    private final RouteEvent event;
    private JsonNode parsed;
    private boolean parseAttempted;

    InputVariable(RouteEvent event) {
        this.event = event;
    }

    public String getBody() {
        return event.body().orElse("");
    }

    /** The JSON text at a path, or {@code ""} when the body is not JSON or the path is absent. */
    public String json(String path) {
        return find(path).map(JsonNode::toString).orElse("");
    }

    /** The value at a path (a map, list, string, number or boolean), or {@code null} when absent. */
    public Object path(String path) {
        return find(path).map(node -> Json.MAPPER.convertValue(node, Object.class)).orElse(null);
    }

    /** All parameters: {@code {"header": {...}, "querystring": {...}, "path": {}}}. */
    public Map<String, Map<String, String>> params() {
        Map<String, Map<String, String>> params = new LinkedHashMap<>();
        params.put("header", event.headers());
        params.put("querystring", event.queryStringParameters());
        params.put("path", Map.of());
        return params;
    }

    /** A parameter by name, looked up in the query string, then the headers; {@code ""} when absent. */
    public String params(String name) {
        String query = event.queryStringParameters().get(name);
        return query != null ? query : event.header(name).orElse("");
    }

    @Override
    public String toString() {
        return getBody();
    }

    private Optional<JsonNode> find(String path) {
        JsonPath parsedPath;
        try {
            parsedPath = JsonPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw new TemplateException(e.getMessage(), e);
        }
        JsonNode root = tree();
        return root == null ? Optional.empty() : parsedPath.find(root);
    }

    private JsonNode tree() {
        if (!parseAttempted) {
            parseAttempted = true;
            try {
                parsed = Json.MAPPER.readTree(getBody());
            } catch (JacksonException e) {
                parsed = null;
            }
        }
        return parsed;
    }
}
