package io.switchboard.connections;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which node holds a connection of another node, remembered from its entry so that a fan-out to a group's members
 * asks the store only for members it has not met. Safe to remember because a connection never moves: its entry
 * names the same node from its first to its last moment, and ids are never reused. A remembered connection that has
 * closed since is harmless: a closed connection leaves its groups, and a message handed to its node for it is
 * dropped there.
 *
 * <p>Bounded: past {@link #CAPACITY} entries it starts again empty (remote members cost one store lookup per
 * fan-out until met again), so hostile traffic cannot grow it. Any thread.
 */
final class RemoteNodes {
    static final int CAPACITY = 100_000;

    private final Map<String, Map<String, String>> byStage = new ConcurrentHashMap<>();

    /** The node remembered for a connection of the stage. */
    Optional<String> get(String stage, String connectionId) {
        Map<String, String> nodes = byStage.get(stage);
        return nodes == null ? Optional.empty() : Optional.ofNullable(nodes.get(connectionId));
    }

    /** Remembers the node of a connection of the stage held elsewhere. */
    void put(String stage, String connectionId, String nodeId) {
        if (size() >= CAPACITY) { // only on a miss, over a stage map each: cheap enough
            byStage.clear();
        }
        byStage.computeIfAbsent(stage, s -> new ConcurrentHashMap<>()).put(connectionId, nodeId);
    }

    /** Forgets a connection (it is known to be gone). */
    void forget(String stage, String connectionId) {
        Map<String, String> nodes = byStage.get(stage);
        if (nodes != null) {
            nodes.remove(connectionId);
        }
    }

    /** How many are remembered, over every stage. */
    int size() {
        return byStage.values().stream().mapToInt(Map::size).sum();
    }
}
