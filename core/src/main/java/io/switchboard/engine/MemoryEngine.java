package io.switchboard.engine;

import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.NodeBus;
import io.switchboard.connections.NodeCommand;
import io.switchboard.connections.NodeMembership;
import io.switchboard.groups.GroupStore;
import io.switchboard.presence.PresenceStore;
import io.switchboard.queues.QueueStore;
import io.switchboard.throttle.QuotaStore;
import io.switchboard.topics.TopicBus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every store in this process ({@code engine.type: memory}, the default): nothing to set up. Events go out on one
 * thread, {@code switchboard-engine-events}, in the order the stores produced them.
 *
 * <p>Its limit: it serves <b>one process</b>. Nothing is shared with other processes, so two gateways behind a load
 * balancer each see only their own connections, groups, presence, topics, queues and quota counters; and everything
 * lives in memory, so <b>messages still in queues are lost when the process stops</b> (as are the rest of the state
 * and the counters). A cluster of processes needs an engine that keeps state outside them (Redis). Inside one JVM,
 * several gateways can share one {@link MemoryCluster}.
 */
public final class MemoryEngine implements Engine {
    private final MemoryCluster cluster;
    private final boolean ownCluster;
    private final String nodeId;
    private final AtomicReference<EngineListener> listener = new AtomicReference<>(EngineListener.NONE);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set by {@link MemoryCluster#crash}: the node is gone for the others, though its process still runs. */
    private volatile boolean crashed;
    private final ConnectionStore connections;
    private final TopicBus topics;
    private final NodeBus nodes;

    /** An empty engine of one node; its retention sweep runs on the context's timers. */
    public MemoryEngine(EngineContext context) {
        this(new MemoryCluster(context.clock(), context.timers(), false, "switchboard-engine-events"), context.nodeId(), true);
    }

    /** A node of {@code cluster} ({@link MemoryCluster#node}). */
    MemoryEngine(MemoryCluster cluster, String nodeId) {
        this(cluster, nodeId, false);
    }

    private MemoryEngine(MemoryCluster cluster, String nodeId, boolean ownCluster) {
        this.cluster = cluster;
        this.ownCluster = ownCluster;
        this.nodeId = nodeId;
        this.connections = cluster.connections().forNode(change -> cluster.changed(this, change));
        this.topics = message -> {
            try {
                cluster.publish(message);
                return CompletableFuture.completedFuture(null);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new IllegalStateException("the engine is closed", e));
            }
        };
        this.nodes = new NodeBus() {
            @Override
            public String nodeId() {
                return nodeId;
            }

            @Override
            public CompletionStage<Boolean> send(String target, NodeCommand command) {
                return CompletableFuture.completedFuture(!closed.get() && cluster.send(nodeId, target, command));
            }

            @Override
            public CompletionStage<Integer> broadcast(NodeCommand command) {
                return CompletableFuture.completedFuture(closed.get() ? 0 : cluster.broadcast(nodeId, command));
            }
        };
        cluster.join(this); // last: the cluster may deliver to it from now on
    }

    String nodeId() {
        return nodeId;
    }

    /** Where this node's events go: nowhere before start and after close. */
    EngineListener listener() {
        return closed.get() || crashed ? EngineListener.NONE : listener.get();
    }

    @Override
    public GroupStore groups() {
        return cluster.groups();
    }

    @Override
    public QuotaStore quotas() {
        return cluster.quotas();
    }

    @Override
    public ConnectionStore connections() {
        return connections;
    }

    @Override
    public PresenceStore presence() {
        return cluster.presence();
    }

    @Override
    public TopicBus topics() {
        return topics;
    }

    @Override
    public QueueStore queues() {
        return cluster.queues();
    }

    @Override
    public NodeBus nodes() {
        return nodes;
    }

    @Override
    public NodeMembership membership() {
        return membership;
    }

    /** The cluster's heartbeats, seen by this node: a crashed node's heartbeats no longer reach them. */
    private final NodeMembership membership = new NodeMembership() {
        @Override
        public CompletionStage<Boolean> heartbeat(io.switchboard.connections.NodeStatus status) {
            return crashed ? CompletableFuture.completedFuture(true) : cluster.membership().heartbeat(status);
        }

        @Override
        public CompletionStage<java.util.List<io.switchboard.connections.NodeStatus>> nodes() {
            return cluster.membership().nodes();
        }

        @Override
        public CompletionStage<Boolean> claimExpired(String node, long now) {
            return cluster.membership().claimExpired(node, now);
        }

        @Override
        public CompletionStage<Void> leave(String node) {
            return crashed ? CompletableFuture.completedFuture(null) : cluster.membership().leave(node);
        }
    };

    /** As if the process had been killed: it stops beating, and nothing reaches it any more. */
    void crash() {
        crashed = true;
        cluster.left(this);
    }

    /** Events produced before this call are dropped; a second call is ignored. */
    @Override
    public void start(EngineListener eventListener) {
        listener.compareAndSet(EngineListener.NONE, eventListener);
    }

    /** Leaves the cluster; an engine of one node also stops its event thread (events produced are still delivered). */
    @Override
    public void close() {
        cluster.left(this);
        if (ownCluster) {
            cluster.close();
        }
        closed.set(true);
    }
}
