package io.switchboard.routing;

import io.switchboard.config.RouteConfig;
import io.switchboard.connections.CloseStatus;
import io.switchboard.connections.ConnectionIds;
import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the three kinds of events with the fields AWS sets on each. */
public final class Events {

    private Events() {
    }

    /** The CONNECT event: the upgrade request's headers, and its query string when it had one. */
    public static RouteEvent connect(StageApi api, ConnectionInfo connection, Map<String, List<String>> headers,
                                     Map<String, List<String>> query) {
        RouteEvent.Builder event = RouteEvent.builder(EventType.CONNECT, RouteConfig.CONNECT, connection)
                .requestId(ConnectionIds.requestId())
                .requestTimeEpoch(connection.connectedAt())
                .headers(lastValues(headers), headers)
                .stageVariables(api.stageVariables());
        if (!query.isEmpty()) {
            event.queryStringParameters(lastValues(query), query);
        }
        return event.build();
    }

    /** A MESSAGE event for the selected route. */
    public static RouteEvent message(StageApi api, ConnectionInfo connection, String routeKey, InboundMessage message,
                                     String requestId) {
        return RouteEvent.builder(EventType.MESSAGE, routeKey, connection)
                .requestId(requestId)
                .messageId(ConnectionIds.requestId())
                .body(message.body(), message.binary())
                .stageVariables(api.stageVariables())
                .build();
    }

    /**
     * The DISCONNECT event, with AWS's headers ({@code Host} and empty {@code x-api-key}, {@code X-Forwarded-For},
     * {@code x-restapi}) and the close code and reason.
     */
    public static RouteEvent disconnect(StageApi api, ConnectionInfo connection, String host, CloseStatus status) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of(host));
        headers.put("x-api-key", List.of(""));
        headers.put("X-Forwarded-For", List.of(""));
        headers.put("x-restapi", List.of(""));
        return RouteEvent.builder(EventType.DISCONNECT, RouteConfig.DISCONNECT, connection)
                .requestId(ConnectionIds.requestId())
                .headers(lastValues(headers), java.util.Collections.unmodifiableMap(headers))
                .stageVariables(api.stageVariables())
                .disconnect(status.code(), status.reason())
                .build();
    }

    private static Map<String, String> lastValues(Map<String, List<String>> multi) {
        Map<String, String> single = new LinkedHashMap<>();
        multi.forEach((name, values) -> {
            if (!values.isEmpty()) {
                single.put(name, values.get(values.size() - 1));
            }
        });
        return java.util.Collections.unmodifiableMap(single);
    }
}
