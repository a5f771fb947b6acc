package io.switchboard.observability;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.RouteEvent;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One JSON line per connect, message and disconnect, to the configured {@link AccessLogSink}: {@code time},
 * {@code requestId}, {@code connectionId}, {@code eventType}, {@code routeKey}, {@code stage}, {@code status},
 * {@code integrationLatency} (ms, when an integration ran) and {@code error}; the CONNECT line adds the path (query
 * values that look like credentials redacted) and the client's address, the DISCONNECT line the close code and
 * reason. Message bodies and headers are never logged.
 */
public final class AccessLog {
    /** The logger name in {@code access-log: logger} mode, for routing these lines to their own appender. */
    public static final String LOGGER = "switchboard.access";

    private final AccessLogSink sink;

    public AccessLog(AccessLogSink sink) {
        this.sink = sink;
    }

    /** Writes out buffered lines. */
    public void close() {
        sink.close();
    }

    /** Logs a CONNECT with the HTTP status the client got. */
    public void connect(RouteEvent event, String uri, int status, OptionalLong latency, Optional<GatewayError> error) {
        if (sink != AccessLogSink.OFF) {
            sink.write(start(event, status, latency, error)
                    .string("path", Redactor.uri(uri))
                    .string("sourceIp", event.connection().sourceIp())
                    .end());
        }
    }

    /** Logs a MESSAGE with the integration's status, or the error the client got. */
    public void message(RouteEvent event, int status, OptionalLong latency, Optional<GatewayError> error) {
        if (sink != AccessLogSink.OFF) {
            JsonLine line = start(event, status, latency, error);
            if (event.messageId().isPresent()) {
                line.string("messageId", event.messageId().get());
            }
            sink.write(line.end());
        }
    }

    /** Logs a DISCONNECT with its close code and reason. */
    public void disconnect(RouteEvent event, int status, OptionalLong latency, Optional<GatewayError> error) {
        if (sink != AccessLogSink.OFF) {
            JsonLine line = start(event, status, latency, error);
            event.disconnectStatusCode().ifPresent(code -> line.number("disconnectStatusCode", code));
            sink.write(line.string("disconnectReason", event.disconnectReason().orElse("")).end());
        }
    }

    private static JsonLine start(RouteEvent event, int status, OptionalLong latency, Optional<GatewayError> error) {
        JsonLine line = new JsonLine()
                .string("time", IsoTime.now())
                .string("requestId", event.requestId())
                .string("connectionId", event.connectionId())
                .string("eventType", event.eventType().name())
                .string("routeKey", event.routeKey())
                .string("stage", event.connection().stage())
                .number("status", status);
        if (latency.isPresent()) {
            line.number("integrationLatency", latency.getAsLong());
        }
        error.ifPresent(e -> line.string("error", e.message()));
        return line;
    }
}
