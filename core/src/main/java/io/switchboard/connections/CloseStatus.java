package io.switchboard.connections;

/**
 * How a connection ended, as {@code $disconnect} reports it.
 *
 * @param code   the close code: the client's, or the one the gateway closed with
 * @param reason the close reason
 */
public record CloseStatus(int code, String reason) {

    /** The client sent a close frame without a status code. */
    public static final CloseStatus NO_STATUS = new CloseStatus(1005, "Client-side close frame status not set");
    /** The TCP connection ended without a close frame. */
    public static final CloseStatus ABNORMAL = new CloseStatus(1006, "Connection closed abnormally");
}
