package io.switchboard.connections;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Which nodes share the engine, by their heartbeats: each node beats every few seconds, and a node whose heartbeat
 * expired (it was killed, or cut off) is cleaned up by one of the others, which removes the entries of the
 * connections it held. The engine provides it; the in-memory one completes every stage at once.
 */
public interface NodeMembership {

    /**
     * Records a node's heartbeat (replacing its last one).
     *
     * @return whether the node was on record already: {@code false} for its first beat, and for a node the others
     *         took for dead and cleaned up after (or whose record Redis lost)
     */
    CompletionStage<Boolean> heartbeat(NodeStatus status);

    /** Every node with a heartbeat on record, expired or not, by id. */
    CompletionStage<List<NodeStatus>> nodes();

    /**
     * Takes the clean-up of a node whose heartbeat expired at or before {@code now}: its record goes, and exactly one
     * caller gets {@code true} (the one that must remove its connections' entries).
     */
    CompletionStage<Boolean> claimExpired(String nodeId, long now);

    /** Removes a node's record: it stopped cleanly (its entries are gone already). */
    CompletionStage<Void> leave(String nodeId);
}
