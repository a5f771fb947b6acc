package io.switchboard.cluster;

import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.NodeMembership;
import io.switchboard.connections.NodeStatus;
import io.switchboard.groups.GroupService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's heartbeat, and the clean-up after nodes that stopped beating. Every {@code interval} the node records
 * that it is alive for {@code expiry} more, with how many connections it holds, and reads every node's heartbeat. A
 * node whose heartbeat expired was killed or cut off: one of the others (the first to claim it) removes the entries
 * of the connections it held, which tells presence (OFFLINE where that was the user's last connection, published
 * once) and takes them out of their rooms. No {@code $disconnect} runs for them: the node that held them is gone.
 * A node that stops cleanly leaves at once ({@link #close}). Runs on the timer thread; never blocks it.
 *
 * <p>Two guards keep a healthy node from being taken for dead. A node cleans up after others only once its own
 * heartbeats have succeeded for a whole {@code expiry}: after Redis was out of reach, every node's last heartbeat is
 * old, and each must first give the others the time to beat again. And a node that finds it was taken for dead all
 * the same (its record gone: it was cut off longer than the expiry) acts dead: it closes its connections with 1001,
 * so that their clients reconnect and are recorded again, instead of living on unseen by the other nodes.
 */
public final class NodeHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeat.class);

    /** What a node needs to beat and to clean up. */
    public record Settings(String nodeId, List<String> stages, Duration interval, Duration expiry) {
        public Settings {
            Objects.requireNonNull(nodeId, "nodeId");
            stages = List.copyOf(stages);
            if (expiry.compareTo(interval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("a node's expiry must be at least twice its heartbeat interval");
            }
        }
    }

    private final Settings settings;
    private final NodeMembership membership;
    private final ConnectionStore store;
    private final GroupService groups;
    private final IntSupplier connections;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Runnable takenForDead;
    private volatile List<NodeStatus> view = List.of();
    private volatile boolean cleaning;
    /** When the heartbeats started succeeding again (0: the last one failed). */
    private volatile long healthySince;
    private volatile boolean beatenBefore;
    private ScheduledFuture<?> beating;

    /**
     * @param connections  how many connections this node holds now
     * @param takenForDead what to do when the others took this node for dead (close its connections)
     */
    public NodeHeartbeat(Settings settings, NodeMembership membership, ConnectionStore store, GroupService groups,
                         IntSupplier connections, Runnable takenForDead, Clock clock,
                         ScheduledExecutorService timers) {
        this.settings = settings;
        this.takenForDead = takenForDead;
        this.membership = membership;
        this.store = store;
        this.groups = groups;
        this.connections = connections;
        this.clock = clock;
        this.timers = timers;
    }

    /** Beats once and waits for it (a node is in the cluster's view from its start), then every interval. */
    public void start() {
        beat().thenCompose(beaten -> membership.nodes()).thenAccept(nodes -> view = nodes)
                .toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
                    LOG.warn("node {} could not record its first heartbeat", settings.nodeId(), e);
                    return null;
                }).join();
        long every = settings.interval().toMillis();
        beating = timers.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** This node's id. */
    public String nodeId() {
        return settings.nodeId();
    }

    /** Whether the last heartbeat reached the engine. */
    public boolean healthy() {
        return healthySince != 0;
    }

    /** The nodes as this node last read them (sorted by id), itself included. */
    public List<NodeStatus> view() {
        return view;
    }

    private void tick() {
        beat().thenCompose(beaten -> membership.nodes()).thenCompose(nodes -> {
            view = nodes;
            return cleanUpAfterDeadNodes(nodes);
        }).whenComplete((ok, error) -> {
            if (error != null && healthySince != 0) {
                LOG.warn("the heartbeat of node {} failed; it retries every {}", settings.nodeId(),
                        settings.interval(), error);
            }
            if (error != null) {
                healthySince = 0;
            }
        });
    }

    private CompletionStage<Void> beat() {
        long now = clock.millis();
        return membership.heartbeat(new NodeStatus(settings.nodeId(), now, now + settings.expiry().toMillis(),
                connections.getAsInt())).thenAccept(wasOnRecord -> {
                    if (healthySince == 0) {
                        healthySince = Math.max(1, now);
                    }
                    if (!wasOnRecord && beatenBefore) {
                        LOG.warn("node {} was taken for dead by the others (cut off longer than {}): it closes its "
                                + "connections so that their clients reconnect", settings.nodeId(),
                                settings.expiry());
                        takenForDead.run();
                    }
                    beatenBefore = true;
                });
    }

    private CompletionStage<Void> cleanUpAfterDeadNodes(List<NodeStatus> nodes) {
        if (cleaning) { // the last clean-up is still under way: the next tick looks again
            return CompletableFuture.completedFuture(null);
        }
        long now = clock.millis();
        if (healthySince == 0 || now - healthySince < settings.expiry().toMillis()) {
            return CompletableFuture.completedFuture(null); // the others may not have had the time to beat again
        }
        List<String> dead = nodes.stream().filter(n -> n.expiredAt(now) && !n.nodeId().equals(settings.nodeId()))
                .map(NodeStatus::nodeId).toList();
        if (dead.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        cleaning = true;
        CompletionStage<Void> all = CompletableFuture.completedFuture(null);
        for (String node : dead) {
            all = all.thenCompose(done -> membership.claimExpired(node, now))
                    .thenCompose(claimed -> claimed ? cleanUpAfter(node) : CompletableFuture.completedFuture(null));
        }
        return all.whenComplete((ok, error) -> cleaning = false);
    }

    /** Removes the entries of every connection a dead node held, and their memberships. */
    private CompletionStage<Void> cleanUpAfter(String node) {
        List<CompletableFuture<Integer>> stages = new ArrayList<>();
        for (String stage : settings.stages()) {
            stages.add(store.heldBy(stage, node).thenCompose(records -> removeAll(stage, records))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).thenAccept(done -> {
            int removed = stages.stream().mapToInt(CompletableFuture::join).sum();
            LOG.warn("node {} stopped beating: node {} removed the {} connection(s) it held", node,
                    settings.nodeId(), removed);
        });
    }

    private CompletionStage<Integer> removeAll(String stage, List<ConnectionRecord> records) {
        List<CompletableFuture<Boolean>> removals = new ArrayList<>(records.size());
        for (ConnectionRecord record : records) {
            removals.add(store.remove(stage, record.connectionId())
                    .thenCompose(removed -> groups.disconnected(stage, record.connectionId())
                            .thenApply(left -> removed.isPresent()))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
                .thenApply(done -> (int) removals.stream().filter(CompletableFuture::join).count());
    }

    /** Stops beating and leaves the cluster at once (the node's entries are gone already). */
    @Override
    public void close() {
        if (beating != null) {
            beating.cancel(false);
        }
        try {
            membership.leave(settings.nodeId()).toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("node {} could not leave the cluster's view; its heartbeat will expire", settings.nodeId(), e);
        }
    }
}
