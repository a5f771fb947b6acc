package io.switchboard.connections;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The heartbeats of the nodes of this process (one, or those of an in-JVM cluster). Thread-safe. */
public final class InMemoryNodeMembership implements NodeMembership {
    private final ConcurrentHashMap<String, NodeStatus> nodes = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Boolean> heartbeat(NodeStatus status) {
        return CompletableFuture.completedFuture(nodes.put(status.nodeId(), status) != null);
    }

    @Override
    public CompletionStage<List<NodeStatus>> nodes() {
        List<NodeStatus> all = new ArrayList<>(nodes.values());
        all.sort(Comparator.comparing(NodeStatus::nodeId));
        return CompletableFuture.completedFuture(List.copyOf(all));
    }

    @Override
    public CompletionStage<Boolean> claimExpired(String nodeId, long now) {
        NodeStatus status = nodes.get(nodeId);
        return CompletableFuture.completedFuture(status != null && status.expiredAt(now)
                && nodes.remove(nodeId, status));
    }

    @Override
    public CompletionStage<Void> leave(String nodeId) {
        nodes.remove(nodeId);
        return CompletableFuture.completedFuture(null);
    }
}
