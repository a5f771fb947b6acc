package io.switchboard.handler;

import java.util.Objects;

/**
 * A user's presence as last recorded.
 *
 * @param userId the user
 * @param status online or offline
 * @param since  when the user went into this status, epoch milliseconds (for OFFLINE: when last seen)
 */
public record UserPresence(String userId, PresenceStatus status, long since) {

    /**
     * The {@code source} attribute of the presence events the gateway publishes to a stage's presence topic or queue
     * ({@code presence: {topic: …}}), so that a subscriber can tell them from other messages.
     */
    public static final String EVENT_SOURCE = "switchboard.presence";

    public UserPresence {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
    }
}
