package io.switchboard.observability;

import io.switchboard.errors.GatewayError;
import io.switchboard.handler.RouteEvent;
import io.switchboard.json.Json;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

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
        log(event, status, latency, error, g -> {
            g.writeStringProperty("path", Redactor.uri(uri));
            g.writeStringProperty("sourceIp", event.connection().sourceIp());
        });
    }

    /** Logs a MESSAGE with the integration's status, or the error the client got. */
    public void message(RouteEvent event, int status, OptionalLong latency, Optional<GatewayError> error) {
        log(event, status, latency, error, g -> event.messageId().ifPresent(id -> g.writeStringProperty("messageId", id)));
    }

    /** Logs a DISCONNECT with its close code and reason. */
    public void disconnect(RouteEvent event, int status, OptionalLong latency, Optional<GatewayError> error) {
        log(event, status, latency, error, g -> {
            event.disconnectStatusCode().ifPresent(code -> g.writeNumberProperty("disconnectStatusCode", code));
            g.writeStringProperty("disconnectReason", event.disconnectReason().orElse(""));
        });
    }

    private static void log(RouteEvent event, int status, OptionalLong latency, Optional<GatewayError> error,
                            Consumer<JsonGenerator> eventFields) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringWriter out = new StringWriter(320);
        try (JsonGenerator g = start(out, event, status, latency, error)) {
            eventFields.accept(g);
            g.writeEndObject();
        }
        LOG.info(out.toString());
    }

    private static JsonGenerator start(StringWriter out, RouteEvent event, int status, OptionalLong latency,
                                       Optional<GatewayError> error) {
        JsonGenerator g = Json.FACTORY.createGenerator(ObjectWriteContext.empty(), out);
        g.writeStartObject();
        g.writeStringProperty("time", Instant.now().toString());
        g.writeStringProperty("requestId", event.requestId());
        g.writeStringProperty("connectionId", event.connectionId());
        g.writeStringProperty("eventType", event.eventType().name());
        g.writeStringProperty("routeKey", event.routeKey());
        g.writeStringProperty("stage", event.connection().stage());
        g.writeNumberProperty("status", status);
        if (latency.isPresent()) {
            g.writeNumberProperty("integrationLatency", latency.getAsLong());
        }
        if (error.isPresent()) {
            g.writeStringProperty("error", error.get().message());
        }
        return g;
    }
}
