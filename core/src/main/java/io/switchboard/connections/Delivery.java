package io.switchboard.connections;

import io.switchboard.handler.ConnectionStatus;
import io.switchboard.handler.GatewayError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a message, a close or a question about a connection goes, by one rule for every path ({@code @connections},
 * {@code @groups}, {@code @users}, {@code @notifications}, the pusher, the in-process API): to the connection on this
 * node; else, when the connections store names another node that holds it, to that node over the {@link NodeBus};
 * else the connection is gone. A fan-out crosses to each other node once, with the ids that node holds. Only a
 * connection's own node removes its entry from the store: this one prunes its own, and asks other nodes to prune
 * theirs. A group fan-out remembers which node holds each remote member ({@link RemoteNodes}), so that the store is
 * asked only about members not met before, all in one lookup. Any thread; nothing here blocks.
 */
public final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    /**
     * What became of a fan-out.
     *
     * @param delivered connections the message was queued for on this node, plus those handed to the node holding
     *                  them (which writes them without answering)
     * @param gone      connections that were not open anywhere: closing here, not reading, without an entry, or on
     *                  a node no longer listening (a member remembered on a listening node counts as handed, even if
     *                  it closed a moment ago: its node drops the message)
     * @param goneHere  the ids among {@code gone} whose entries this node holds (the pusher prunes them)
     */
    public record Result(int delivered, int gone, List<String> goneHere) {
    }

    private final ConnectionRegistry registry;
    private final ConnectionStore store;
    private final NodeBus nodes;
    private final LocalFanOut fanOut = new LocalFanOut();
    private final RemoteNodes remoteNodes = new RemoteNodes();

    public Delivery(ConnectionRegistry registry, ConnectionStore store, NodeBus nodes) {
        this.registry = registry;
        this.store = store;
        this.nodes = nodes;
    }

    /** This node's id. */
    public String nodeId() {
        return nodes.nodeId();
    }

    /** An open connection of the stage on this node. */
    public Optional<Connection> local(String stage, String connectionId) {
        return registry.find(connectionId)
                .filter(c -> c.info().stage().equals(stage) && c.state() == Connection.State.OPEN);
    }

    /** The entry of a connection of the stage that another node holds. */
    public CompletionStage<Optional<ConnectionRecord>> remote(String stage, String connectionId) {
        return store.find(stage, connectionId).thenApply(r -> r.filter(record -> !record.heldBy(nodes.nodeId())));
    }

    /** Whether the connection is open here, or recorded on another node. */
    public CompletionStage<Boolean> exists(String stage, String connectionId) {
        if (local(stage, connectionId).isPresent()) {
            return CompletableFuture.completedFuture(true);
        }
        return remote(stage, connectionId).thenApply(Optional::isPresent);
    }

    /**
     * Sends one message: {@code SENT} when queued here or handed to the node holding the connection, {@code FULL}
     * when this node holds it and its outbound queue is full (the caller closes it), {@code GONE} otherwise.
     */
    public CompletionStage<Connection.SendResult> post(String stage, String connectionId, OutboundMessage message) {
        Optional<Connection> here = local(stage, connectionId);
        if (here.isPresent()) {
            return CompletableFuture.completedFuture(here.get().send(message));
        }
        return remote(stage, connectionId).thenCompose(record -> record.isEmpty()
                ? CompletableFuture.completedFuture(Connection.SendResult.GONE)
                : nodes.send(record.get().nodeId(), new NodeCommand.Post(stage, connectionId, message))
                        .thenApply(sent -> sent ? Connection.SendResult.SENT : Connection.SendResult.GONE));
    }

    /**
     * What {@code GET @connections/{id}} answers, empty when gone. For a connection of another node the answer comes
     * from its entry, which does not follow its traffic: the last activity reported is when it connected.
     */
    public CompletionStage<Optional<ConnectionStatus>> status(String stage, String connectionId) {
        Optional<Connection> here = local(stage, connectionId);
        if (here.isPresent()) {
            Connection c = here.get();
            return CompletableFuture.completedFuture(Optional.of(new ConnectionStatus(
                    Instant.ofEpochMilli(c.info().connectedAt()), Instant.ofEpochMilli(c.lastActiveAt()),
                    c.info().sourceIp(), c.info().userAgent())));
        }
        return remote(stage, connectionId).thenApply(record -> record.map(r -> new ConnectionStatus(
                Instant.ofEpochMilli(r.connectedAt()), Instant.ofEpochMilli(r.connectedAt()), r.sourceIp(),
                r.userAgent())));
    }

    /** Starts closing a connection wherever it is; whether it was open (here) or recorded (elsewhere). */
    public CompletionStage<Boolean> close(String stage, String connectionId, int code, String reason) {
        Optional<Connection> here = local(stage, connectionId);
        if (here.isPresent()) {
            here.get().close(code, reason);
            return CompletableFuture.completedFuture(true);
        }
        return remote(stage, connectionId).thenCompose(record -> record.isEmpty()
                ? CompletableFuture.completedFuture(false)
                : nodes.send(record.get().nodeId(), new NodeCommand.Close(stage, connectionId, code, reason)));
    }

    /**
     * Sends one message to connections known by id (a group's members): those of this node directly, the others
     * looked up in the store and handed to their nodes, one command per node.
     */
    public CompletionStage<Result> fanOut(String stage, Collection<String> ids, Set<String> exclude,
                                          OutboundMessage message) {
        LocalFanOut.Result here = fanOut.deliver(ids, exclude, id -> registered(stage, id), message);
        if (here.elsewhere().isEmpty()) {
            return CompletableFuture.completedFuture(new Result(here.delivered(), here.gone().size(), here.gone()));
        }
        Map<String, String> located = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : here.elsewhere()) {
            remoteNodes.get(stage, id).ifPresentOrElse(node -> located.put(id, node), () -> unknown.add(id));
        }
        CompletionStage<Integer> looked = unknown.isEmpty() ? CompletableFuture.completedFuture(0)
                : store.nodesOf(stage, unknown).thenApply(found -> {
                    found.forEach((id, node) -> {
                        located.put(id, node);
                        if (!node.equals(nodes.nodeId())) {
                            remoteNodes.put(stage, id, node);
                        }
                    });
                    return unknown.size() - found.size();
                });
        return looked.thenCompose(withoutEntry -> toOtherNodes(stage, located, message, false).thenApply(remote ->
                new Result(here.delivered() + remote.delivered(), here.gone().size() + withoutEntry + remote.gone(),
                        concat(here.gone(), remote.goneHere()))));
    }

    /**
     * Sends one message to connections known by their entries (a push): those this node holds directly, the others
     * handed to their nodes, one command per node, which prune the entries of their connections that are gone.
     */
    public CompletionStage<Result> fanOutTo(String stage, List<ConnectionRecord> records, OutboundMessage message) {
        List<String> mine = new ArrayList<>();
        Map<String, String> theirs = new LinkedHashMap<>();
        for (ConnectionRecord record : records) {
            if (record.heldBy(nodes.nodeId())) {
                mine.add(record.connectionId());
            } else {
                theirs.put(record.connectionId(), record.nodeId());
            }
        }
        LocalFanOut.Result here = fanOut.deliver(mine, Set.of(), id -> registered(stage, id), message);
        List<String> goneHere = concat(here.gone(), here.elsewhere()); // entries of ours without a connection
        return toOtherNodes(stage, theirs, message, true).thenApply(remote -> new Result(
                here.delivered() + remote.delivered(), goneHere.size() + remote.gone(), goneHere));
    }

    /** Carries out a command another node sent. Never throws: a command that fails is logged. */
    public void execute(NodeCommand command) {
        try {
            if (command instanceof NodeCommand.Post p) {
                local(p.stage(), p.connectionId()).ifPresent(c -> {
                    if (c.send(p.message()) == Connection.SendResult.FULL) {
                        c.close(GatewayError.SLOW_CONSUMER);
                    }
                });
            } else if (command instanceof NodeCommand.Close c) {
                local(c.stage(), c.connectionId()).ifPresent(connection -> connection.close(c.code(), c.reason()));
            } else {
                NodeCommand.FanOut f = (NodeCommand.FanOut) command;
                LocalFanOut.Result result = fanOut.deliver(f.connectionIds(), Set.of(),
                        id -> registered(f.stage(), id), f.message());
                if (f.prune()) {
                    pruneOwn(f.stage(), concat(result.gone(), result.elsewhere()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("a command from another node failed: {}", command.getClass().getSimpleName(), e);
        }
    }

    /** Removes the entries of gone connections that this node holds; how many were still there. */
    public CompletionStage<Integer> pruneOwn(String stage, List<String> gone) {
        if (gone.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        List<CompletableFuture<Boolean>> removals = new ArrayList<>(gone.size());
        for (String id : gone) {
            removals.add(store.find(stage, id).thenCompose(record -> record.isPresent()
                            && record.get().heldBy(nodes.nodeId())
                            ? store.remove(stage, id).thenApply(Optional::isPresent)
                            : CompletableFuture.completedFuture(false))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
                .thenApply(done -> (int) removals.stream().filter(CompletableFuture::join).count());
    }

    /** A connection of the stage that this node holds, open or closing. */
    private Optional<Connection> registered(String stage, String connectionId) {
        return registry.find(connectionId).filter(c -> c.info().stage().equals(stage));
    }

    /** Hands connections of other nodes (id → node) to their nodes, one command each. */
    private CompletionStage<Result> toOtherNodes(String stage, Map<String, String> located,
                                                 OutboundMessage message, boolean prune) {
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        List<String> goneHere = new ArrayList<>();
        located.forEach((id, node) -> {
            if (node.equals(nodes.nodeId())) { // an entry of ours whose connection this node no longer has
                goneHere.add(id);
            } else {
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(id);
            }
        });
        if (byNode.isEmpty()) {
            return CompletableFuture.completedFuture(new Result(0, goneHere.size(), goneHere));
        }
        List<CompletableFuture<Integer>> sends = new ArrayList<>(byNode.size());
        int[] total = new int[1];
        byNode.forEach((node, ids) -> {
            total[0] += ids.size();
            sends.add(nodes.send(node, new NodeCommand.FanOut(stage, ids, message, prune)).thenApply(sent -> {
                if (!sent) { // a node no longer listening: its connections are gone, its entries soon reaped
                    ids.forEach(id -> remoteNodes.forget(stage, id));
                }
                return sent ? ids.size() : 0;
            }).toCompletableFuture());
        });
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenApply(done -> {
            int handed = sends.stream().mapToInt(CompletableFuture::join).sum();
            return new Result(handed, goneHere.size() + total[0] - handed, goneHere);
        });
    }

    private static List<String> concat(List<String> a, List<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
