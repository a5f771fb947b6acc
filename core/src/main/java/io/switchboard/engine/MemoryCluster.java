package io.switchboard.engine;

import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.InMemoryConnectionStore;
import io.switchboard.connections.InMemoryNodeMembership;
import io.switchboard.connections.NodeCommand;
import io.switchboard.connections.NodeCommandCodec;
import io.switchboard.groups.GroupStore;
import io.switchboard.groups.InMemoryGroupStore;
import io.switchboard.handler.TopicMessage;
import io.switchboard.presence.InMemoryPresenceStore;
import io.switchboard.presence.PresenceStore;
import io.switchboard.queues.InMemoryQueueStore;
import io.switchboard.throttle.InMemoryQuotaStore;
import io.switchboard.throttle.QuotaStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Several nodes sharing memory stores inside one JVM: every gateway created on one of its engines ({@link #node})
 * sees the same connections, groups, presence, quotas and queues, and the nodes reach one another through the node
 * bus and the topic bus, as gateways sharing a Redis do. For tests of what a cluster does, and for trying a cluster
 * on one machine; Vert.x's {@code FakeClusterManager} is the model. Every event and command goes out on one thread,
 * {@code switchboard-memory-cluster}, in the order produced; commands cross as bytes ({@link NodeCommandCodec}), as
 * they would between processes.
 *
 * <p>What one process cannot show: a node that dies without closing. A node that closes its engine leaves the
 * cluster, and commands sent to it find nobody.
 */
public final class MemoryCluster implements AutoCloseable {
    /** How often queue messages past their retention that nobody received are dropped. */
    private static final long SWEEP_SECONDS = 30;

    private final ExecutorService events;
    private final ScheduledExecutorService timers;
    private final boolean ownTimers;
    private final ConcurrentHashMap<String, MemoryEngine> nodes = new ConcurrentHashMap<>();
    private final GroupStore groups = new InMemoryGroupStore();
    private final QuotaStore quotas = new InMemoryQuotaStore();
    private final PresenceStore presence = new InMemoryPresenceStore();
    private final InMemoryNodeMembership membership = new InMemoryNodeMembership();
    private final InMemoryConnectionStore connections;
    private final InMemoryQueueStore queues;
    private final ScheduledFuture<?> sweeping;

    /** An empty cluster with a timer thread of its own, stopped by {@link #close}. */
    public MemoryCluster() {
        this(Clock.systemUTC(), newTimers(), true, "switchboard-memory-cluster");
    }

    /** The cluster of a single {@link MemoryEngine}, on the gateway's clock and timers. */
    MemoryCluster(Clock clock, ScheduledExecutorService timers, boolean ownTimers, String eventThread) {
        this.events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, eventThread);
            t.setDaemon(true);
            return t;
        });
        this.connections = new InMemoryConnectionStore(events, change -> {
        });
        this.timers = timers;
        this.ownTimers = ownTimers;
        this.queues = new InMemoryQueueStore(clock, timers);
        this.sweeping = timers.scheduleWithFixedDelay(queues::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * A new node's engine, with the context's node id; it leaves the cluster when closed.
     *
     * @throws IllegalArgumentException when a node of that id is in the cluster already
     */
    public Engine node(EngineContext context) {
        return new MemoryEngine(this, context.nodeId());
    }

    void join(MemoryEngine node) {
        if (nodes.putIfAbsent(node.nodeId(), node) != null) {
            throw new IllegalArgumentException("node " + node.nodeId() + " is in the cluster already");
        }
    }

    /**
     * Makes a node vanish as a killed process would, for fault tests: it stops beating, commands to it find nobody
     * and its events stop, while its gateway keeps running in this JVM and its entries stay until another node
     * notices its heartbeat expired.
     *
     * @throws IllegalArgumentException when no such node is in the cluster
     */
    public void crash(String nodeId) {
        MemoryEngine node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in the cluster");
        }
        node.crash();
    }

    /** The ids of the nodes in the cluster now. */
    public Set<String> nodeIds() {
        return Set.copyOf(nodes.keySet());
    }

    GroupStore groups() {
        return groups;
    }

    QuotaStore quotas() {
        return quotas;
    }

    PresenceStore presence() {
        return presence;
    }

    InMemoryNodeMembership membership() {
        return membership;
    }

    InMemoryQueueStore queues() {
        return queues;
    }

    InMemoryConnectionStore connections() {
        return connections;
    }

    /** A connection change for the node that made it; dropped once the cluster closed. */
    void changed(MemoryEngine node, ConnectionChange change) {
        node.listener().connectionChanged(change);
    }

    /** Every node's listener gets the message; returns how many nodes there were. */
    int publish(TopicMessage message) {
        List<MemoryEngine> all = List.copyOf(nodes.values());
        events.execute(() -> all.forEach(node -> node.listener().topicMessage(message)));
        return all.size();
    }

    /** Sends a command to one node; whether it was there. */
    boolean send(String from, String to, NodeCommand command) {
        MemoryEngine target = to.equals(from) ? null : nodes.get(to);
        if (target == null) {
            return false;
        }
        byte[] bytes = NodeCommandCodec.encode(command);
        return execute(() -> target.listener().nodeCommand(NodeCommandCodec.decode(bytes)));
    }

    /** Sends a command to every node but {@code from}; how many got it. */
    int broadcast(String from, NodeCommand command) {
        int sent = 0;
        for (String node : nodeIds()) {
            if (send(from, node, command)) {
                sent++;
            }
        }
        return sent;
    }

    void left(MemoryEngine node) {
        nodes.remove(node.nodeId(), node);
    }

    private boolean execute(Runnable task) {
        try {
            events.execute(task);
            return true;
        } catch (RejectedExecutionException e) { // the cluster closed
            return false;
        }
    }

    /** Stops the cluster's threads; events already produced are still delivered. A second call does nothing. */
    @Override
    public void close() {
        sweeping.cancel(false);
        events.shutdown();
        try {
            events.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownTimers) {
            timers.shutdownNow();
        }
    }

    private static ScheduledExecutorService newTimers() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-memory-cluster-timer");
            t.setDaemon(true);
            return t;
        });
    }
}
