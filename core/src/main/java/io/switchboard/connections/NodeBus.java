package io.switchboard.connections;

import java.util.concurrent.CompletionStage;

/**
 * Commands between the nodes that share an engine: the engine carries them, and each arrives at the receiving node's
 * engine listener ({@code EngineListener.nodeCommand}). Delivery is at most once and unordered between two
 * commands; a command is never delivered to a node other than the one it was sent to. Any thread.
 */
public interface NodeBus {

    /** This node's id, the one its connection records carry. */
    String nodeId();

    /**
     * Sends a command to one other node.
     *
     * @return whether a node of that id was listening and got it; {@code false} means the node is gone (or never
     *         was), so the connections it held are gone too
     */
    CompletionStage<Boolean> send(String nodeId, NodeCommand command);

    /**
     * Sends a command to every other node.
     *
     * @return how many nodes got it
     */
    CompletionStage<Integer> broadcast(NodeCommand command);

    /** A bus for a node alone: there is no other node, so every command finds nobody. */
    static NodeBus alone(String nodeId) {
        return new NodeBus() {
            @Override
            public String nodeId() {
                return nodeId;
            }

            @Override
            public CompletionStage<Boolean> send(String target, NodeCommand command) {
                return java.util.concurrent.CompletableFuture.completedFuture(false);
            }

            @Override
            public CompletionStage<Integer> broadcast(NodeCommand command) {
                return java.util.concurrent.CompletableFuture.completedFuture(0);
            }
        };
    }
}
