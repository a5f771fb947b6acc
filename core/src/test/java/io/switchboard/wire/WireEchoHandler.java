package io.switchboard.wire;

import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import java.util.Map;
import java.util.Optional;

/** Echoes a message as it came: text as text, binary (base64 in the event) as binary. */
public final class WireEchoHandler implements io.switchboard.handler.RouteHandler {
    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        return new RouteResult(200, Map.of(), Optional.of(event.body().orElse("")), event.isBase64Encoded());
    }
}
