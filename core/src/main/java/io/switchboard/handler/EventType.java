package io.switchboard.handler;

/** The three kinds of events, as {@code requestContext.eventType} names them. */
public enum EventType {
    /** The client asks to connect ({@code $connect}); the upgrade waits for the answer. */
    CONNECT,
    /** The client sent a message. */
    MESSAGE,
    /** The connection closed ({@code $disconnect}); best effort, the answer is ignored. */
    DISCONNECT
}
