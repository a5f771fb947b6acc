package io.switchboard.connections;

import java.util.Objects;

/**
 * One entry of the connections store: an open connection and the user it belongs to.
 *
 * @param stage        the API stage the connection belongs to
 * @param userId       the user, from {@code connections.user-id} (the connection id when no user is known)
 * @param connectionId the connection's id
 * @param connectedAt  when the connection opened, epoch milliseconds
 * @param expiresAt    when the entry counts as stale and is pruned unless removed before, epoch milliseconds
 */
public record ConnectionRecord(String stage, String userId, String connectionId, long connectedAt, long expiresAt) {

    public ConnectionRecord {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(connectionId, "connectionId");
    }
}
