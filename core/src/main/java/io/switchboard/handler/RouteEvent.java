package io.switchboard.handler;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One event of a connection, with the fields of AWS's Lambda proxy event for WebSocket APIs.
 *
 * <p>Which fields are set follows AWS: {@code headers} and the query string on CONNECT (the query string only when
 * the URL had one), {@code body} and {@code messageId} on MESSAGE, {@code disconnectStatusCode} and
 * {@code disconnectReason} on DISCONNECT. Empty maps stand for fields AWS leaves out.
 *
 * <p>The gateway builds events; tests of a handler can build them with {@link #builder}.
 */
public final class RouteEvent {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final EventType eventType;
    private final String routeKey;
    private final ConnectionInfo connection;
    private final String requestId;
    private final Optional<String> messageId;
    private final long requestTimeEpoch;
    private final Optional<String> body;
    private final boolean base64Encoded;
    private final Map<String, String> headers;
    private final Map<String, List<String>> multiValueHeaders;
    private final Map<String, String> queryStringParameters;
    private final Map<String, List<String>> multiValueQueryStringParameters;
    private final Map<String, String> stageVariables;
    private final OptionalInt disconnectStatusCode;
    private final Optional<String> disconnectReason;

    private RouteEvent(Builder b) {
        eventType = b.eventType;
        routeKey = b.routeKey;
        connection = b.connection;
        requestId = Objects.requireNonNull(b.requestId, "requestId");
        messageId = b.messageId;
        requestTimeEpoch = b.requestTimeEpoch;
        body = b.body;
        base64Encoded = b.base64Encoded;
        headers = b.headers;
        multiValueHeaders = b.multiValueHeaders;
        queryStringParameters = b.queryStringParameters;
        multiValueQueryStringParameters = b.multiValueQueryStringParameters;
        stageVariables = b.stageVariables;
        disconnectStatusCode = b.disconnectStatusCode;
        disconnectReason = b.disconnectReason;
    }

    /** Starts an event of a connection. */
    public static Builder builder(EventType eventType, String routeKey, ConnectionInfo connection) {
        return new Builder(eventType, routeKey, connection);
    }

    public EventType eventType() {
        return eventType;
    }

    public String routeKey() {
        return routeKey;
    }

    public ConnectionInfo connection() {
        return connection;
    }

    public String connectionId() {
        return connection.connectionId();
    }

    /** The request id; AWS's {@code requestId} and {@code extendedRequestId} have this same value. */
    public String requestId() {
        return requestId;
    }

    /** The message id, on MESSAGE events only. */
    public Optional<String> messageId() {
        return messageId;
    }

    /** When the gateway received the request, epoch milliseconds. */
    public long requestTimeEpoch() {
        return requestTimeEpoch;
    }

    /** {@link #requestTimeEpoch()} in Common Log Format, {@code 11/Nov/2024:11:35:24 +0000}, as AWS writes it. */
    public String requestTime() {
        return CLF.format(Instant.ofEpochMilli(requestTimeEpoch));
    }

    /** The message text (base64 when {@link #isBase64Encoded()}), on MESSAGE events only. */
    public Optional<String> body() {
        return body;
    }

    public boolean isBase64Encoded() {
        return base64Encoded;
    }

    /** Request headers, in the case the client sent them (the last value of a repeated header). */
    public Map<String, String> headers() {
        return headers;
    }

    /** A header by name, ignoring case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public Map<String, List<String>> multiValueHeaders() {
        return multiValueHeaders;
    }

    /** Query string parameters of the upgrade URL (the last value of a repeated one), on CONNECT. */
    public Map<String, String> queryStringParameters() {
        return queryStringParameters;
    }

    public Map<String, List<String>> multiValueQueryStringParameters() {
        return multiValueQueryStringParameters;
    }

    public Map<String, String> stageVariables() {
        return stageVariables;
    }

    /** The close code, on DISCONNECT only: the client's, or the one the gateway closed with. */
    public OptionalInt disconnectStatusCode() {
        return disconnectStatusCode;
    }

    /** The close reason, on DISCONNECT only. */
    public Optional<String> disconnectReason() {
        return disconnectReason;
    }

    /**
     * The same event for a connection whose details changed (the CONNECT event once the authorizer has run: same
     * request id and fields, {@code requestContext.authorizer} filled in).
     */
    public RouteEvent withConnection(ConnectionInfo newConnection) {
        Builder b = new Builder(eventType, routeKey, newConnection);
        b.requestId = requestId;
        b.messageId = messageId;
        b.requestTimeEpoch = requestTimeEpoch;
        b.body = body;
        b.base64Encoded = base64Encoded;
        b.headers = headers;
        b.multiValueHeaders = multiValueHeaders;
        b.queryStringParameters = queryStringParameters;
        b.multiValueQueryStringParameters = multiValueQueryStringParameters;
        b.stageVariables = stageVariables;
        b.disconnectStatusCode = disconnectStatusCode;
        b.disconnectReason = disconnectReason;
        return b.build();
    }

    @Override
    public String toString() {
        return "RouteEvent[" + eventType + " " + routeKey + " " + connection.connectionId() + " " + requestId + "]";
    }

    /** Builds a {@link RouteEvent}; unset maps are empty and unset optional fields absent. */
    public static final class Builder {
        private final EventType eventType;
        private final String routeKey;
        private final ConnectionInfo connection;
        private String requestId;
        private Optional<String> messageId = Optional.empty();
        private long requestTimeEpoch = System.currentTimeMillis();
        private Optional<String> body = Optional.empty();
        private boolean base64Encoded;
        private Map<String, String> headers = Map.of();
        private Map<String, List<String>> multiValueHeaders = Map.of();
        private Map<String, String> queryStringParameters = Map.of();
        private Map<String, List<String>> multiValueQueryStringParameters = Map.of();
        private Map<String, String> stageVariables = Map.of();
        private OptionalInt disconnectStatusCode = OptionalInt.empty();
        private Optional<String> disconnectReason = Optional.empty();

        private Builder(EventType eventType, String routeKey, ConnectionInfo connection) {
            this.eventType = Objects.requireNonNull(eventType, "eventType");
            this.routeKey = Objects.requireNonNull(routeKey, "routeKey");
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        public Builder requestId(String value) {
            requestId = value;
            return this;
        }

        public Builder messageId(String value) {
            messageId = Optional.of(value);
            return this;
        }

        public Builder requestTimeEpoch(long value) {
            requestTimeEpoch = value;
            return this;
        }

        public Builder body(String value, boolean isBase64Encoded) {
            body = Optional.of(value);
            base64Encoded = isBase64Encoded;
            return this;
        }

        public Builder headers(Map<String, String> single, Map<String, List<String>> multi) {
            headers = single;
            multiValueHeaders = multi;
            return this;
        }

        public Builder queryStringParameters(Map<String, String> single, Map<String, List<String>> multi) {
            queryStringParameters = single;
            multiValueQueryStringParameters = multi;
            return this;
        }

        public Builder stageVariables(Map<String, String> value) {
            stageVariables = value;
            return this;
        }

        public Builder disconnect(int statusCode, String reason) {
            disconnectStatusCode = OptionalInt.of(statusCode);
            disconnectReason = Optional.of(reason);
            return this;
        }

        public RouteEvent build() {
            return new RouteEvent(this);
        }
    }
}
