package io.switchboard.connections;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The connections store: every open connection with its user, queryable by user, with an expiry after which a
 * forgotten entry (its node died, its removal was lost) is pruned. The engine provides it; the in-memory store
 * completes every stage at once.
 *
 * <p>Every change reaches the listener the engine registered at start, as a {@link ConnectionChange}. For one user of
 * a stage the listener sees the changes in the order the store applied them, each once, and only once the store's
 * queries show them: whoever the listener tells of a change finds it there.
 */
public interface ConnectionStore {

    /** Adds an entry (INSERT). Adding a connection id the stage already has changes nothing and emits nothing. */
    CompletionStage<Void> add(ConnectionRecord record);

    /** Removes a connection's entry (REMOVE) and returns it; empty, with no event, when there was none. */
    CompletionStage<Optional<ConnectionRecord>> remove(String stage, String connectionId);

    /** A connection's entry. */
    CompletionStage<Optional<ConnectionRecord>> find(String stage, String connectionId);

    /**
     * The node holding each of these connections of the stage, by id, in the order given; ids without an entry are
     * left out. A shared engine answers in one round trip however many ids (a fan-out's lookup); this default asks
     * {@link #find} for each.
     */
    default CompletionStage<Map<String, String>> nodesOf(String stage, Collection<String> connectionIds) {
        List<CompletableFuture<Optional<ConnectionRecord>>> lookups = new ArrayList<>(connectionIds.size());
        for (String id : connectionIds) {
            lookups.add(find(stage, id).toCompletableFuture());
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, String> nodes = new LinkedHashMap<>();
            for (CompletableFuture<Optional<ConnectionRecord>> lookup : lookups) {
                lookup.join().ifPresent(r -> nodes.put(r.connectionId(), r.nodeId()));
            }
            return nodes;
        });
    }

    /** A user's connections, oldest first; empty for a user without any. */
    CompletionStage<List<ConnectionRecord>> connectionsOf(String stage, String userId);

    /** The distinct users with at least one connection. */
    CompletionStage<Set<String>> users(String stage);

    /** Every entry of a stage (for broadcasts). */
    CompletionStage<List<ConnectionRecord>> all(String stage);

    /** The entries of a stage whose connections a node holds (to clean up after a node that died). */
    CompletionStage<List<ConnectionRecord>> heldBy(String stage, String nodeId);

    /** How many connections and distinct users a stage has. */
    CompletionStage<ConnectionCounts> counts(String stage);

    /**
     * Removes every entry whose expiry is at or before {@code now} (epoch milliseconds), each with a REMOVE marked
     * {@link ConnectionChange#expired()}; returns how many.
     */
    CompletionStage<Integer> pruneExpired(long now);
}
