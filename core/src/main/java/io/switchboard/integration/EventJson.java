package io.switchboard.integration;

import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import io.switchboard.json.Json;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the Lambda proxy event of a WebSocket API as JSON, field by field and in the order of AWS's captured events
 * (reference §2.1–§2.2): headers and query string on CONNECT only when present, {@code body} and {@code messageId} on
 * MESSAGE, {@code disconnectStatusCode} and {@code disconnectReason} on DISCONNECT.
 */
public final class EventJson {

    private EventJson() {
    }

    /** The event as UTF-8 JSON. */
    public static byte[] write(RouteEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            if (!event.headers().isEmpty()) {
                stringMap(g, "headers", event.headers());
                listMap(g, "multiValueHeaders", event.multiValueHeaders());
            }
            if (!event.queryStringParameters().isEmpty()) {
                stringMap(g, "queryStringParameters", event.queryStringParameters());
                listMap(g, "multiValueQueryStringParameters", event.multiValueQueryStringParameters());
            }
            if (!event.stageVariables().isEmpty()) {
                stringMap(g, "stageVariables", event.stageVariables());
            }
            requestContext(g, event);
            if (event.body().isPresent()) {
                g.writeStringProperty("body", event.body().get());
            }
            g.writeBooleanProperty("isBase64Encoded", event.isBase64Encoded());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void requestContext(JsonGenerator g, RouteEvent event) {
        ConnectionInfo c = event.connection();
        g.writeName("requestContext");
        g.writeStartObject();
        g.writeStringProperty("routeKey", event.routeKey());
        if (event.eventType() == EventType.MESSAGE && event.messageId().isPresent()) {
            g.writeStringProperty("messageId", event.messageId().get());
        }
        if (event.disconnectStatusCode().isPresent()) {
            g.writeNumberProperty("disconnectStatusCode", event.disconnectStatusCode().getAsInt());
        }
        g.writeStringProperty("eventType", event.eventType().name());
        g.writeStringProperty("extendedRequestId", event.requestId());
        g.writeStringProperty("requestTime", event.requestTime());
        g.writeStringProperty("messageDirection", "IN");
        if (event.disconnectReason().isPresent()) {
            g.writeStringProperty("disconnectReason", event.disconnectReason().get());
        }
        g.writeStringProperty("stage", c.stage());
        g.writeNumberProperty("connectedAt", c.connectedAt());
        g.writeNumberProperty("requestTimeEpoch", event.requestTimeEpoch());
        g.writeName("identity");
        g.writeStartObject();
        if (c.userAgent().isPresent()) {
            g.writeStringProperty("userAgent", c.userAgent().get());
        }
        g.writeStringProperty("sourceIp", c.sourceIp());
        if (c.apiKey().isPresent()) {
            g.writeStringProperty("apiKey", c.apiKey().get().value());
            g.writeStringProperty("apiKeyId", c.apiKey().get().id());
        }
        g.writeEndObject();
        g.writeStringProperty("requestId", event.requestId());
        g.writeStringProperty("domainName", c.domainName());
        g.writeStringProperty("connectionId", c.connectionId());
        g.writeStringProperty("apiId", c.apiId());
        if (!c.authorizer().isEmpty()) {
            g.writeName("authorizer");
            g.writePOJO(c.authorizer());
        }
        g.writeEndObject();
    }

    private static void stringMap(JsonGenerator g, String name, Map<String, String> map) {
        g.writeName(name);
        g.writeStartObject();
        for (Map.Entry<String, String> e : map.entrySet()) {
            g.writeStringProperty(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void listMap(JsonGenerator g, String name, Map<String, List<String>> map) {
        g.writeName(name);
        g.writeStartObject();
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            g.writeName(e.getKey());
            g.writeStartArray();
            for (String value : e.getValue()) {
                g.writeString(value);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
