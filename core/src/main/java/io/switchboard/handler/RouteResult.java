package io.switchboard.handler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A handler's answer, shaped like a Lambda proxy response.
 *
 * <p>On {@code $connect} a 2xx status accepts the connection and any other status rejects the upgrade with that
 * status; the {@code Sec-WebSocket-Protocol} header chooses the subprotocol. On a message route the status does not
 * affect the connection, and the body goes back to the client only when the route has {@code route-response: true}.
 *
 * @param statusCode    the HTTP status
 * @param headers       response headers; only {@code Sec-WebSocket-Protocol} is used, on {@code $connect}
 * @param body          the message for the client, if any
 * @param base64Encoded whether the body is base64 of binary data (sent to the client as a binary frame)
 */
public record RouteResult(int statusCode, Map<String, String> headers, Optional<String> body, boolean base64Encoded) {

    public RouteResult {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** 200 with no body. */
    public static RouteResult ok() {
        return new RouteResult(200, Map.of(), Optional.empty(), false);
    }

    /** 200 with a body for the client. */
    public static RouteResult ok(String body) {
        return new RouteResult(200, Map.of(), Optional.of(body), false);
    }

    /** A status with no body; on {@code $connect} a non-2xx status rejects the connection. */
    public static RouteResult status(int statusCode) {
        return new RouteResult(statusCode, Map.of(), Optional.empty(), false);
    }

    /** The same result with a body. */
    public RouteResult withBody(String newBody) {
        return new RouteResult(statusCode, headers, Optional.of(newBody), false);
    }

    /** The same result with a header added. */
    public RouteResult withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new RouteResult(statusCode, copy, body, base64Encoded);
    }

    /** The same result choosing a WebSocket subprotocol (on {@code $connect}). */
    public RouteResult withSubprotocol(String subprotocol) {
        return withHeader("Sec-WebSocket-Protocol", subprotocol);
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** A header by name, ignoring case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
