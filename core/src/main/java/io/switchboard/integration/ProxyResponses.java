package io.switchboard.integration;

import io.switchboard.handler.RouteResult;
import io.switchboard.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Lambda proxy response ({@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body},
 * {@code isBase64Encoded}) strictly, as API Gateway does: any other top-level key, a body that is not a string or a
 * status that is not a number makes it invalid, and the client gets {@code Internal server error}. An empty answer or
 * JSON {@code null} means 200 with no body; a missing {@code statusCode} means 200.
 */
public final class ProxyResponses {
    private static final Set<String> KEYS = Set.of("statusCode", "headers", "multiValueHeaders", "body",
            "isBase64Encoded");

    private ProxyResponses() {
    }

    /**
     * Parses a proxy response.
     *
     * @throws IntegrationException describing what makes the response invalid
     */
    public static RouteResult parse(byte[] json) {
        if (isBlank(json)) {
            return RouteResult.ok();
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IntegrationException("the integration's answer is not JSON: " + e.getOriginalMessage());
        }
        return fromTree(tree);
    }

    /** Reads a proxy response that is already a tree (a Lambda handler's {@code Map}, for example). */
    public static RouteResult fromTree(JsonNode tree) {
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return RouteResult.ok();
        }
        if (!tree.isObject()) {
            throw new IntegrationException("the integration's answer must be a JSON object with statusCode and body");
        }
        for (String key : tree.propertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IntegrationException("the integration's answer has the key '" + key
                        + "', which a Lambda proxy response may not have");
            }
        }
        int status = 200;
        JsonNode statusNode = tree.get("statusCode");
        if (statusNode != null && !statusNode.isNull()) {
            if (!statusNode.isIntegralNumber() && !(statusNode.isString() && statusNode.asString().matches("\\d{3}"))) {
                throw new IntegrationException("statusCode must be a number");
            }
            status = statusNode.asInt();
            if (status < 100 || status > 599) {
                throw new IntegrationException("statusCode " + status + " is not an HTTP status");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode multi = tree.get("multiValueHeaders");
        if (multi != null && multi.isObject()) {
            multi.forEachEntry((name, values) -> {
                if (values.isArray() && !values.isEmpty()) {
                    headers.put(name, values.get(values.size() - 1).asString());
                }
            });
        }
        JsonNode single = tree.get("headers");
        if (single != null && !single.isNull()) {
            if (!single.isObject()) {
                throw new IntegrationException("headers must be an object");
            }
            single.forEachEntry((name, value) -> headers.put(name, value.asString()));
        }
        Optional<String> body = Optional.empty();
        JsonNode bodyNode = tree.get("body");
        if (bodyNode != null && !bodyNode.isNull()) {
            if (!bodyNode.isString()) {
                throw new IntegrationException("body must be a string (JSON.stringify it)");
            }
            body = Optional.of(bodyNode.asString());
        }
        JsonNode base64 = tree.get("isBase64Encoded");
        boolean base64Encoded = base64 != null && base64.isBoolean() && base64.booleanValue();
        return new RouteResult(status, headers, body, base64Encoded);
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return json.length == 4 && new String(json, java.nio.charset.StandardCharsets.US_ASCII).equals("null");
            }
        }
        return true;
    }
}
