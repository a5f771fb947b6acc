package io.switchboard.template;

import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a mapping template sees, as in AWS: {@code $context}, {@code $input}, {@code $util} and
 * {@code $stageVariables}.
 */
public final class TemplateVariables {
    private final RouteEvent event;

    private TemplateVariables(RouteEvent event) {
        this.event = event;
    }

    /** The variables of one event. */
    public static TemplateVariables of(RouteEvent event) {
        return new TemplateVariables(event);
    }

    /** A fresh, mutable map for one render ({@code #set} writes into it). */
    Map<String, Object> asMap() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("context", context(event));
        vars.put("input", new InputVariable(event));
        vars.put("util", UtilVariable.INSTANCE);
        vars.put("stageVariables", event.stageVariables());
        return vars;
    }

    /** AWS's {@code $context} for WebSocket APIs; authorizer values are stringified as AWS does. */
    static Map<String, Object> context(RouteEvent event) {
        var connection = event.connection();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("connectionId", connection.connectionId());
        context.put("connectedAt", connection.connectedAt());
        context.put("domainName", connection.domainName());
        context.put("eventType", event.eventType().name());
        if (event.eventType() == EventType.MESSAGE) {
            event.messageId().ifPresent(id -> context.put("messageId", id));
        }
        context.put("routeKey", event.routeKey());
        context.put("requestId", event.requestId());
        context.put("extendedRequestId", event.requestId());
        context.put("apiId", connection.apiId());
        Map<String, Object> authorizer = new LinkedHashMap<>();
        connection.authorizer().forEach((k, v) -> authorizer.put(k, String.valueOf(v)));
        context.put("authorizer", authorizer);
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", connection.sourceIp());
        identity.put("userAgent", connection.userAgent().orElse(""));
        context.put("identity", identity);
        context.put("requestTime", event.requestTime());
        context.put("requestTimeEpoch", event.requestTimeEpoch());
        context.put("stage", connection.stage());
        return context;
    }
}
