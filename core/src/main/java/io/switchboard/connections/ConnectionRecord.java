package io.switchboard.connections;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the connections store: an open connection, the user it belongs to and the node that holds it, with
 * what {@code GET @connections/{id}} tells, so that any node can answer for a connection held by another.
 *
 * @param stage        the API stage the connection belongs to
 * @param userId       the user, from {@code connections.user-id} (the connection id when no user is known)
 * @param connectionId the connection's id
 * @param nodeId       the node whose socket the connection is: the only node that writes to it, and the only one
 *                     that removes this entry (others learn it is gone from that node)
 * @param sourceIp     the client's address
 * @param userAgent    the client's {@code User-Agent}, if it sent one
 * @param connectedAt  when the connection opened, epoch milliseconds
 * @param expiresAt    when the entry counts as stale and is pruned unless removed before, epoch milliseconds
 */
public record ConnectionRecord(String stage, String userId, String connectionId, String nodeId, String sourceIp,
                               Optional<String> userAgent, long connectedAt, long expiresAt) {

    public ConnectionRecord {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** An entry of a test or a tool that does not care where the connection is: on node {@code "local"}. */
    public static ConnectionRecord of(String stage, String userId, String connectionId, long connectedAt,
                                      long expiresAt) {
        return new ConnectionRecord(stage, userId, connectionId, "local", "127.0.0.1", Optional.empty(), connectedAt,
                expiresAt);
    }

    /** Whether the connection is held by {@code node}. */
    public boolean heldBy(String node) {
        return nodeId.equals(node);
    }
}
