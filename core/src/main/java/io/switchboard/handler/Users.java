package io.switchboard.handler;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Connections by user for the handler's own API, in process: what {@code /{stage}/@users} does, without HTTP. A
 * connection's user comes from {@code connections.user-id} (the authorizer's principal by default, else the
 * connection id). Methods may block briefly; call them from handlers, never from a network thread.
 */
public interface Users {

    /** The users with at least one open connection. */
    Set<String> connected();

    /** A user's connection ids, oldest first; empty when the user has none. */
    List<String> connectionsOf(String userId);

    /**
     * The user of a connection; empty when the connection is not open. A connection stays known until its
     * {@code $disconnect} handler has run, so that handler can still find whose connection it was.
     */
    Optional<String> userOf(String connectionId);

    /** Whether a user is ONLINE, and since when (for OFFLINE: when last seen, 0 if never seen). */
    UserPresence presence(String userId);

    /**
     * Sends a text message to every connection of a user.
     *
     * @return how many connections it was queued for, and how many were gone
     * @throws io.switchboard.handler.PayloadTooLargeException over the API's {@code limits.message-bytes}
     */
    Groups.FanOut post(String userId, String message);
}
