package io.switchboard.template;

import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code $context} for WebSocket mapping templates, as AWS defines it. Values are computed when a template reads
 * them, so a template that uses only {@code $context.connectionId} costs nothing for the rest.
 */
public final class ContextVariable {
    private final RouteEvent event;

    ContextVariable(RouteEvent event) {
        this.event = event;
    }

    /** Velocity resolves {@code $context.name} through this method. */
    public Object get(String name) {
        var connection = event.connection();
        return switch (name) {
            case "connectionId" -> connection.connectionId();
            case "connectedAt" -> connection.connectedAt();
            case "domainName" -> connection.domainName();
            case "eventType" -> event.eventType().name();
            case "messageId" -> event.eventType() == EventType.MESSAGE ? event.messageId().orElse(null) : null;
            case "routeKey" -> event.routeKey();
            case "requestId", "extendedRequestId" -> event.requestId();
            case "apiId" -> connection.apiId();
            case "stage" -> connection.stage();
            case "requestTime" -> event.requestTime();
            case "requestTimeEpoch" -> event.requestTimeEpoch();
            case "identity" -> identity();
            case "authorizer" -> authorizer();
            default -> null;
        };
    }

    /** {@code $context.identity}: the client's address and agent, and the API key it connected with. */
    private Map<String, String> identity() {
        var connection = event.connection();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("sourceIp", connection.sourceIp());
        out.put("userAgent", connection.userAgent().orElse(""));
        out.put("apiKey", connection.apiKey().map(k -> k.value()).orElse(""));
        out.put("apiKeyId", connection.apiKey().map(k -> k.id()).orElse(""));
        return out;
    }

    /** Authorizer values, stringified as AWS does ({@code 1} becomes {@code "1"}). */
    private Map<String, String> authorizer() {
        Map<String, String> out = new LinkedHashMap<>();
        event.connection().authorizer().forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    @Override
    public String toString() {
        return "$context";
    }
}
