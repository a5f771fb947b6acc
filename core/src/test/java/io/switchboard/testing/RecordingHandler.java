package io.switchboard.testing;

import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;

/**
 * Records every event under its stage and answers by what the client asked for. On CONNECT, the query string
 * decides: {@code status=401} rejects, {@code protocol=x} chooses a subprotocol, {@code fail=1} throws,
 * {@code sleep=ms} waits. On MESSAGE, the body decides: {@code throw} throws, {@code sleep:ms} waits, anything else
 * is echoed. Register an instance by name ({@code .route("recording", new RecordingHandler(recorder))}).
 */
public final class RecordingHandler implements RouteHandler {
    private final Recorder recorder;

    /** A handler that records into {@code recorder}. */
    public RecordingHandler(Recorder recorder) {
        this.recorder = java.util.Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) throws Exception {
        recorder.record(event.connection().stage(), event);
        if (event.eventType() == EventType.CONNECT) {
            var query = event.queryStringParameters();
            if (query.containsKey("sleep")) {
                Thread.sleep(Long.parseLong(query.get("sleep")));
            }
            if (query.containsKey("fail")) {
                throw new IllegalStateException("asked to fail");
            }
            RouteResult result = RouteResult.status(Integer.parseInt(query.getOrDefault("status", "200")));
            return query.containsKey("protocol") ? result.withSubprotocol(query.get("protocol")) : result;
        }
        String body = event.body().orElse("");
        if (body.contains("throw")) {
            throw new IllegalStateException("asked to throw");
        }
        int sleep = body.indexOf("sleep:");
        if (sleep >= 0) {
            Thread.sleep(Long.parseLong(body.substring(sleep + 6).replaceAll("\\D.*", "")));
        }
        return RouteResult.ok(body);
    }
}
