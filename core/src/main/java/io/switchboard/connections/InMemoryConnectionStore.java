package io.switchboard.connections;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The connections store in this process. Per stage, two indexes (user → connections, connection → entry) change
 * together under the user's {@code compute}, and a user's list is replaced, never modified, so readers always see a
 * whole list. Changes are handed to the ordered event executor inside that same {@code compute}, so one user's
 * changes reach the listener in the order they were applied, and the listener never runs under a lock of the store.
 */
public final class InMemoryConnectionStore implements ConnectionStore {

    private static final class StageEntries {
        final ConcurrentHashMap<String, List<ConnectionRecord>> byUser = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, ConnectionRecord> byConnection = new ConcurrentHashMap<>();
    }

    private final ConcurrentHashMap<String, StageEntries> stages = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Executor events;
    private final Consumer<ConnectionChange> listener;

    /**
     * @param events   runs listener calls one at a time in submission order (the engine's event thread)
     * @param listener receives every change
     */
    public InMemoryConnectionStore(Executor events, Consumer<ConnectionChange> listener) {
        this.events = events;
        this.listener = listener;
    }

    @Override
    public CompletionStage<Void> add(ConnectionRecord record) {
        StageEntries entries = stages.computeIfAbsent(record.stage(), s -> new StageEntries());
        entries.byUser.compute(record.userId(), (user, current) -> {
            if (entries.byConnection.putIfAbsent(record.connectionId(), record) != null) {
                return current;
            }
            List<ConnectionRecord> next = new ArrayList<>(current == null ? 1 : current.size() + 1);
            if (current != null) {
                next.addAll(current);
            }
            next.add(record);
            emit(new ConnectionChange(ConnectionChange.Type.INSERT, record, next.size(), sequence.incrementAndGet(),
                    false));
            return List.copyOf(next);
        });
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Optional<ConnectionRecord>> remove(String stage, String connectionId) {
        return CompletableFuture.completedFuture(removeEntry(stage, connectionId, Long.MAX_VALUE));
    }

    @Override
    public CompletionStage<Optional<ConnectionRecord>> find(String stage, String connectionId) {
        StageEntries entries = stages.get(stage);
        return CompletableFuture.completedFuture(entries == null ? Optional.empty()
                : Optional.ofNullable(entries.byConnection.get(connectionId)));
    }

    @Override
    public CompletionStage<List<ConnectionRecord>> connectionsOf(String stage, String userId) {
        StageEntries entries = stages.get(stage);
        List<ConnectionRecord> records = entries == null ? null : entries.byUser.get(userId);
        return CompletableFuture.completedFuture(records == null ? List.of() : records);
    }

    @Override
    public CompletionStage<Set<String>> users(String stage) {
        StageEntries entries = stages.get(stage);
        return CompletableFuture.completedFuture(entries == null ? Set.of() : Set.copyOf(entries.byUser.keySet()));
    }

    @Override
    public CompletionStage<List<ConnectionRecord>> all(String stage) {
        StageEntries entries = stages.get(stage);
        if (entries == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<ConnectionRecord> all = new ArrayList<>(entries.byConnection.size());
        entries.byUser.values().forEach(all::addAll);
        return CompletableFuture.completedFuture(all);
    }

    @Override
    public CompletionStage<ConnectionCounts> counts(String stage) {
        StageEntries entries = stages.get(stage);
        return CompletableFuture.completedFuture(entries == null ? new ConnectionCounts(0, 0)
                : new ConnectionCounts(entries.byConnection.size(), entries.byUser.size()));
    }

    @Override
    public CompletionStage<Integer> pruneExpired(long now) {
        int pruned = 0;
        for (var stage : stages.entrySet()) {
            for (ConnectionRecord record : stage.getValue().byConnection.values()) {
                if (record.expiresAt() <= now && removeEntry(stage.getKey(), record.connectionId(), now).isPresent()) {
                    pruned++;
                }
            }
        }
        return CompletableFuture.completedFuture(pruned);
    }

    /** Removes an entry if it exists and, for pruning, has expired by {@code expiredBy}. */
    private Optional<ConnectionRecord> removeEntry(String stage, String connectionId, long expiredBy) {
        StageEntries entries = stages.get(stage);
        ConnectionRecord record = entries == null ? null : entries.byConnection.get(connectionId);
        if (record == null) {
            return Optional.empty();
        }
        boolean pruning = expiredBy != Long.MAX_VALUE;
        ConnectionRecord[] removed = new ConnectionRecord[1];
        entries.byUser.computeIfPresent(record.userId(), (user, current) -> {
            if ((pruning && record.expiresAt() > expiredBy) || !entries.byConnection.remove(connectionId, record)) {
                return current;
            }
            List<ConnectionRecord> next = new ArrayList<>(current);
            next.remove(record);
            removed[0] = record;
            emit(new ConnectionChange(ConnectionChange.Type.REMOVE, record, next.size(), sequence.incrementAndGet(),
                    pruning));
            return next.isEmpty() ? null : List.copyOf(next);
        });
        return Optional.ofNullable(removed[0]);
    }

    private void emit(ConnectionChange change) {
        try {
            events.execute(() -> listener.accept(change));
        } catch (RejectedExecutionException e) {
            // The engine is closing: nobody is listening any more.
        }
    }
}
