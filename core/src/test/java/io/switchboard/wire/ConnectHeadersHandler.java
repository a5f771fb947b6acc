package io.switchboard.wire;

import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import io.switchboard.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a client which headers its upgrade request carried as the {@code $connect} integration saw them: on CONNECT
 * it keeps the event's headers, on every MESSAGE it answers them as JSON, on DISCONNECT it forgets them.
 */
public final class ConnectHeadersHandler implements io.switchboard.handler.RouteHandler {
    private static final Map<String, Map<String, List<String>>> SEEN = new ConcurrentHashMap<>();

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        if (event.eventType() == EventType.CONNECT) {
            SEEN.put(event.connectionId(), event.multiValueHeaders());
            return RouteResult.ok();
        }
        if (event.eventType() == EventType.DISCONNECT) {
            SEEN.remove(event.connectionId());
            return RouteResult.ok();
        }
        return RouteResult.ok(Json.MAPPER.writeValueAsString(SEEN.getOrDefault(event.connectionId(), Map.of())));
    }
}
