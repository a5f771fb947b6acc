package io.switchboard.connections;

import java.util.Objects;

/**
 * What a node last said of itself in its heartbeat.
 *
 * @param nodeId      the node
 * @param heartbeatAt when it sent the heartbeat, epoch milliseconds
 * @param expiresAt   when the node counts as dead unless it beats again, epoch milliseconds
 * @param connections how many connections it held then
 */
public record NodeStatus(String nodeId, long heartbeatAt, long expiresAt, int connections) {

    public NodeStatus {
        Objects.requireNonNull(nodeId, "nodeId");
    }

    /** Whether the heartbeat had expired at {@code now}. */
    public boolean expiredAt(long now) {
        return expiresAt <= now;
    }
}
