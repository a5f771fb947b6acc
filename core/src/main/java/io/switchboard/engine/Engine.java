package io.switchboard.engine;

import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.NodeBus;
import io.switchboard.connections.NodeMembership;
import io.switchboard.groups.GroupStore;
import io.switchboard.throttle.QuotaStore;
import io.switchboard.presence.PresenceStore;
import io.switchboard.queues.QueueStore;
import io.switchboard.topics.TopicBus;

/**
 * The stores that hold state shared by every connection (and, with a clustered engine, by every node). Built once at
 * start by {@link Engines#create}, from the {@link EngineProvider} that {@code engine.type} names. Every store method
 * returns a {@code CompletionStage}; events come back through the one {@link EngineListener} given to {@link #start}.
 */
public interface Engine extends AutoCloseable {

    /** Group (room) membership. */
    GroupStore groups();

    /** Usage-plan quota counters. */
    QuotaStore quotas();

    /** Open connections by user, with expiry; its changes reach {@link EngineListener#connectionChanged}. */
    ConnectionStore connections();

    /** Each user's last published presence. */
    PresenceStore presence();

    /** Topic messages for every node's in-process subscribers, through {@link EngineListener#topicMessage}. */
    TopicBus topics();

    /** SQS-like queues. */
    QueueStore queues();

    /**
     * Commands to the other nodes sharing this engine, which arrive at their {@link EngineListener#nodeCommand}; an
     * engine of one node has no other node to reach.
     */
    NodeBus nodes();

    /** The nodes' heartbeats, by which a node that died is noticed and cleaned up after. */
    NodeMembership membership();

    /**
     * Starts delivering events to {@code listener}; call once, before the gateway serves. A later call changes
     * nothing, so that no event is ever delivered twice or to a second listener.
     */
    void start(EngineListener listener);

    /** Releases the engine's resources (connections to a server, threads); a second call does nothing. */
    @Override
    void close();
}
