package io.switchboard.engine;

import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.NodeCommand;
import io.switchboard.handler.TopicMessage;

/**
 * Where an engine delivers its events: registered once, at start ({@link Engine#start}). The engine calls it from
 * its own event thread(s); an implementation hands work off and returns quickly, and never blocks.
 */
public interface EngineListener {

    /**
     * A change of the connections store made by this node (each node hears of its own changes, and of the entries it
     * pruned); one user's changes arrive in the order they were applied.
     */
    void connectionChanged(ConnectionChange change);

    /** A message published on a topic, for this node's in-process subscribers. */
    void topicMessage(TopicMessage message);

    /** A command another node sent this one ({@link io.switchboard.connections.NodeBus}). */
    void nodeCommand(NodeCommand command);

    /** Ignores every event (before start). */
    EngineListener NONE = new EngineListener() {
        @Override
        public void connectionChanged(ConnectionChange change) {
        }

        @Override
        public void topicMessage(TopicMessage message) {
        }

        @Override
        public void nodeCommand(NodeCommand command) {
        }
    };
}
