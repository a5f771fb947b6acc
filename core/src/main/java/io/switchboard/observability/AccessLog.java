package io.switchboard.observability;

import io.switchboard.errors.GatewayError;
import io.switchboard.handler.RouteEvent;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per connect, message and disconnect, on the {@code switchboard.access} logger: {@code time},
 * {@code requestId}, {@code connectionId}, {@code eventType}, {@code routeKey}, {@code stage}, {@code status},
 * {@code integrationLatency} (ms, when an integration ran) and {@code error}; the CONNECT line adds the path (query
 * values that look like credentials redacted) and the client's address, the DISCONNECT line the close code and
 * reason. Message bodies and headers are never logged.
 */
public final class AccessLog {
    /** The logger name, for routing these lines to their own appender. */
    public static final String LOGGER = "switchboard.access";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** Logs a CONNECT with the HTTP status the client got. */
    public void connect(RouteEvent event, String uri, int status, OptionalLong latency, Optional<GatewayError> error) {
        if (LOG.isInfoEnabled()) {
            LOG.info(start(event, status, latency, error)
                    .string("path", Redactor.uri(uri))
                    .string("sourceIp", event.connection().sourceIp())
                    .end());
        }
    }

    /** Logs a MESSAGE with the integration's status, or the error the client got. */
    public void message(RouteEvent event, int status, OptionalLong latency, Optional<GatewayError> error) {
        if (LOG.isInfoEnabled()) {
            JsonLine line = start(event, status, latency, error);
            event.messageId().ifPresent(id -> line.string("messageId", id));
            LOG.info(line.end());
        }
    }

    /** Logs a DISCONNECT with its close code and reason. */
    public void disconnect(RouteEvent event, int status, OptionalLong latency, Optional<GatewayError> error) {
        if (LOG.isInfoEnabled()) {
            JsonLine line = start(event, status, latency, error);
            event.disconnectStatusCode().ifPresent(code -> line.number("disconnectStatusCode", code));
            LOG.info(line.string("disconnectReason", event.disconnectReason().orElse("")).end());
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
