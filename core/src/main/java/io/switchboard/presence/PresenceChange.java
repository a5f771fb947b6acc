package io.switchboard.presence;

import io.switchboard.handler.UserPresence;
import java.util.Objects;

/**
 * A transition the presence store applied.
 *
 * @param presence        the user's new presence
 * @param version         the transition's place among the user's transitions: 1, 2, 3, … (a user forgotten and seen
 *                        again starts at 1)
 * @param publishedBefore the largest version whose event had been published when this one was applied
 *                        ({@link PresenceStore#published}); {@code version - 1} means this event's turn has come
 */
public record PresenceChange(UserPresence presence, long version, long publishedBefore) {

    public PresenceChange {
        Objects.requireNonNull(presence, "presence");
    }

    /** Whether every earlier transition's event was published when this one was applied. */
    public boolean inTurn() {
        return publishedBefore >= version - 1;
    }
}
