package io.switchboard.handler;

/**
 * The one catalogue of errors the gateway reports to clients and backends.
 *
 * <p>Each entry carries the HTTP status (the response status before the upgrade, and the {@code status} in the access
 * log after it), the AWS-compatible message text, the WebSocket close code when the error ends the connection
 * ({@code 0} when it does not), and for management API errors the AWS error type the SDKs turn into exceptions.
 *
 * <p>Close codes and what a client should do:
 * <ul>
 *   <li>1001 going away: idle timeout, maximum connection duration, no answer to the server's pings, or shutdown;
 *       reconnect.</li>
 *   <li>1008 policy: the client stopped reading while messages for it piled up, or left a fragmented message
 *       unfinished; reconnect and read.</li>
 *   <li>1002 protocol error, 1003 unsupported data, 1007 invalid UTF-8, 1009 message too big: the client sent
 *       something this API never accepts; reconnecting and sending it again fails the same way.</li>
 * </ul>
 */
public enum GatewayError {
    /** No route matches the message and the API has no {@code $default} route; the connection stays open. */
    ROUTE_NOT_FOUND(403, "Forbidden", 0, ""),
    /** The integration threw, answered with something that is not a valid proxy response, or could not be reached. */
    INTEGRATION_FAILURE(502, "Internal server error", 0, ""),
    /** The integration did not answer within its timeout (29 s unless configured). */
    INTEGRATION_TIMEOUT(504, "Endpoint request timed out", 0, ""),

    /** A browser page from an origin that {@code server.allowed-origins} does not allow (before the upgrade). */
    ORIGIN_NOT_ALLOWED(403, "Forbidden", 0, ""),
    /** {@code $connect}: an identity source or the token is missing, or the authorizer failed with "Unauthorized". */
    UNAUTHORIZED(401, "Unauthorized", 0, ""),
    /** {@code $connect}: the authorizer's policy denies, or the token is invalid. */
    ACCESS_DENIED(403, "Forbidden", 0, ""),
    /** {@code $connect}: the authorizer threw, timed out or answered with something that is not a valid result. */
    AUTHORIZER_FAILURE(500, "Internal server error", 0, ""),
    /** A route that needs an API key got none, or one that no usage plan knows. */
    API_KEY_REJECTED(403, "Forbidden", 0, ""),
    /** A stage, route, connection, usage-plan or node rate limit is exhausted; the request is not served. */
    THROTTLED(429, "Too Many Requests", 0, ""),
    /** The API key's usage-plan quota for the current period is used up. */
    QUOTA_EXCEEDED(429, "Limit Exceeded", 0, ""),

    /** The path is neither a stage nor an operations endpoint. */
    NOT_FOUND(404, "Not Found", 0, "NotFoundException"),
    /** A plain HTTP request reached a WebSocket stage. */
    UPGRADE_REQUIRED(426, "Upgrade Required", 0, ""),
    /** An upgrade request that is not a valid WebSocket handshake (missing key, wrong method, bad headers). */
    BAD_HANDSHAKE(400, "Bad Request", 0, ""),
    /** The HTTP method is not served on this path. */
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", 0, "MethodNotAllowedException"),
    /** The request line or headers are larger than the configured limits. */
    REQUEST_TOO_LARGE(431, "Request Header Fields Too Large", 0, ""),
    /** The threads that read static files are all busy and their queue is full; try again. */
    OVERLOADED(503, "Service Unavailable", 0, ""),
    /** The HTTP request body is larger than the gateway accepts, or a posted message larger than the API's limit. */
    PAYLOAD_TOO_LARGE(413, "Payload Too Large", 0, "PayloadTooLargeException"),

    /** A management call named a connection that does not exist, is closed or is still inside {@code $connect}. */
    GONE(410, "Gone", 0, "GoneException"),
    /** A management call that is not signed right (SigV4), or unsigned from a non-loopback address. */
    FORBIDDEN(403, "Forbidden", 0, "ForbiddenException"),
    /** A management call that cannot be understood: a malformed connection id or group name. */
    BAD_REQUEST(400, "Bad Request", 0, "BadRequestException"),
    /** A management post to a client whose outbound queue is over {@code limits.outbound-bytes}. */
    LIMIT_EXCEEDED(429, "Limit Exceeded", 0, "LimitExceededException"),
    /** A send to a queue that holds its {@code max-messages}; as SQS's {@code OverLimit}. Retry later. */
    QUEUE_FULL(429, "Queue is full", 0, "OverLimit"),
    /**
     * A delete or visibility change with a receipt handle that no longer holds its message: deleted already, or
     * visible again since its visibility timeout passed (a later receive has a new handle).
     */
    RECEIPT_HANDLE_INVALID(410, "Receipt handle is invalid", 0, "ReceiptHandleIsInvalid"),

    /** A frame or a reassembled message is larger than the API's limits. */
    MESSAGE_TOO_BIG(413, "Message too big", 1009, ""),
    /** A binary frame reached an API that accepts text only. */
    BINARY_NOT_ACCEPTED(415, "Binary frames are not accepted", 1003, ""),
    /** A text message that is not valid UTF-8. */
    INVALID_UTF8(400, "Invalid UTF-8 in text message", 1007, ""),
    /** A frame that breaks RFC 6455 (bad opcode, reserved bits, unmasked client frame, bad close frame). */
    PROTOCOL_ERROR(400, "Protocol error", 1002, ""),
    /** The client does not read: its outbound queue passed {@code limits.outbound-bytes}. */
    SLOW_CONSUMER(429, "Slow consumer", 1008, ""),
    /** No data frame in either direction for the idle timeout. */
    IDLE_TIMEOUT(200, "Going away", 1001, ""),
    /** The connection reached its maximum duration. */
    MAX_DURATION_REACHED(200, "Going away", 1001, ""),
    /** Nothing at all came from the peer for {@code limits.pong-timeout} after a server ping: it is gone. */
    PING_TIMEOUT(408, "Ping timeout", 1001, ""),
    /** A fragmented message was not completed within {@code limits.incomplete-message-timeout}. */
    INCOMPLETE_MESSAGE(408, "Message not completed in time", 1008, ""),
    /** The server is shutting down. */
    SHUTTING_DOWN(503, "Going away", 1001, ""),
    /**
     * The engine's shared state (Redis) cannot be reached within its command timeout: what needs it fails at once
     * (the AWS SDKs retry a 503), what does not (mock routes, this node's own connections) goes on.
     */
    ENGINE_UNAVAILABLE(503, "Service Unavailable", 1011, "ServiceUnavailableException"),
    /** A fault inside the gateway itself; logged with its cause. */
    INTERNAL_ERROR(500, "Internal server error", 1011, "");

    private final int httpStatus;
    private final String message;
    private final int closeCode;
    private final String awsErrorType;

    GatewayError(int httpStatus, String message, int closeCode, String awsErrorType) {
        this.httpStatus = httpStatus;
        this.message = message;
        this.closeCode = closeCode;
        this.awsErrorType = awsErrorType;
    }

    /**
     * The error type that management API responses carry in {@code x-amzn-ErrorType}, which the AWS SDKs map to
     * their exception classes ({@code GoneException}, …); empty for errors that are not management API errors.
     */
    public java.util.Optional<String> awsErrorType() {
        return awsErrorType.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(awsErrorType);
    }

    /** The HTTP status for responses and for the access log. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The message text, as AWS words it where AWS has the same error. */
    public String message() {
        return message;
    }

    /** The WebSocket close code, or {@code 0} when the error leaves the connection open. */
    public int closeCode() {
        return closeCode;
    }

    /** Whether this error closes the WebSocket connection. */
    public boolean closesConnection() {
        return closeCode != 0;
    }

    /**
     * The error frame AWS sends for this error, byte for byte, including its unusual spacing:
     * {@code {"message": "Forbidden", "connectionId":"…", "requestId":"…"}}.
     */
    public String errorFrame(String connectionId, String requestId) {
        return "{\"message\": \"" + message + "\", \"connectionId\":\"" + connectionId
                + "\", \"requestId\":\"" + requestId + "\"}";
    }
}
