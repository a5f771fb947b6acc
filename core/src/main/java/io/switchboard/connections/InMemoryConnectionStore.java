package io.switchboard.connections;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The connections store in this process. Per stage, two indexes (user → connections, connection → entry) change
 * together under the user's {@code compute}, and a user's list is replaced, never modified, so readers always see a
 * whole list. Each change joins the outbox inside that same {@code compute}, so one user's changes leave it in the
 * order they were applied; it is handed to the ordered event executor only once its {@code compute} has returned,
 * so that whatever the listener then asks the store (or whoever its events reach asks) already shows the change,
 * however soon the event thread runs. The listener never runs under a lock of the store.
 */
public final class InMemoryConnectionStore implements ConnectionStore {

    private static final class StageEntries {
        final ConcurrentHashMap<String, List<ConnectionRecord>> byUser = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, ConnectionRecord> byConnection = new ConcurrentHashMap<>();
    }

    /** A change made under a user's {@code compute}; {@code applied} once that {@code compute} has returned. */
    private static final class Pending {
        final ConnectionChange change;
        final Consumer<ConnectionChange> to;
        volatile boolean applied;

        Pending(ConnectionChange change, Consumer<ConnectionChange> to) {
            this.change = change;
            this.to = to;
        }
    }

    private final ConcurrentHashMap<String, StageEntries> stages = new ConcurrentHashMap<>();
    /** Changes in the order they were made; the head leaves first, once applied. */
    private final ConcurrentLinkedQueue<Pending> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();
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

    /**
     * The same entries seen by one node of an in-process cluster: the changes it makes reach {@code nodeListener}
     * (each node hears of its own changes, as with a store outside the process), through the same event executor.
     */
    public ConnectionStore forNode(Consumer<ConnectionChange> nodeListener) {
        return new NodeView(nodeListener);
    }

    @Override
    public CompletionStage<Void> add(ConnectionRecord record) {
        return add(record, listener);
    }

    private CompletionStage<Void> add(ConnectionRecord record, Consumer<ConnectionChange> to) {
        StageEntries entries = stages.computeIfAbsent(record.stage(), s -> new StageEntries());
        Pending[] made = new Pending[1];
        try {
            entries.byUser.compute(record.userId(), (user, current) -> {
                if (entries.byConnection.putIfAbsent(record.connectionId(), record) != null) {
                    return current;
                }
                List<ConnectionRecord> next = new ArrayList<>(current == null ? 1 : current.size() + 1);
                if (current != null) {
                    next.addAll(current);
                }
                next.add(record);
                List<ConnectionRecord> stored = List.copyOf(next);
                made[0] = enqueue(new ConnectionChange(ConnectionChange.Type.INSERT, record, stored.size(),
                        sequence.incrementAndGet(), false), to);
                return stored;
            });
        } finally {
            applied(made[0]);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Optional<ConnectionRecord>> remove(String stage, String connectionId) {
        return CompletableFuture.completedFuture(removeEntry(stage, connectionId, Long.MAX_VALUE, listener));
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
    public CompletionStage<List<ConnectionRecord>> heldBy(String stage, String nodeId) {
        StageEntries entries = stages.get(stage);
        if (entries == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.completedFuture(entries.byConnection.values().stream()
                .filter(r -> r.heldBy(nodeId)).toList());
    }

    @Override
    public CompletionStage<ConnectionCounts> counts(String stage) {
        StageEntries entries = stages.get(stage);
        return CompletableFuture.completedFuture(entries == null ? new ConnectionCounts(0, 0)
                : new ConnectionCounts(entries.byConnection.size(), entries.byUser.size()));
    }

    @Override
    public CompletionStage<Integer> pruneExpired(long now) {
        return pruneExpired(now, listener);
    }

    private CompletionStage<Integer> pruneExpired(long now, Consumer<ConnectionChange> to) {
        int pruned = 0;
        for (var stage : stages.entrySet()) {
            for (ConnectionRecord record : stage.getValue().byConnection.values()) {
                if (record.expiresAt() <= now && removeEntry(stage.getKey(), record.connectionId(), now, to).isPresent()) {
                    pruned++;
                }
            }
        }
        return CompletableFuture.completedFuture(pruned);
    }

    /** Removes an entry if it exists and, for pruning, has expired by {@code expiredBy}. */
    private Optional<ConnectionRecord> removeEntry(String stage, String connectionId, long expiredBy,
                                                   Consumer<ConnectionChange> to) {
        StageEntries entries = stages.get(stage);
        ConnectionRecord record = entries == null ? null : entries.byConnection.get(connectionId);
        if (record == null) {
            return Optional.empty();
        }
        boolean pruning = expiredBy != Long.MAX_VALUE;
        ConnectionRecord[] removed = new ConnectionRecord[1];
        Pending[] made = new Pending[1];
        try {
            entries.byUser.computeIfPresent(record.userId(), (user, current) -> {
                if ((pruning && record.expiresAt() > expiredBy)
                        || !entries.byConnection.remove(connectionId, record)) {
                    return current;
                }
                List<ConnectionRecord> next = new ArrayList<>(current);
                next.remove(record);
                List<ConnectionRecord> stored = next.isEmpty() ? null : List.copyOf(next);
                removed[0] = record;
                made[0] = enqueue(new ConnectionChange(ConnectionChange.Type.REMOVE, record, next.size(),
                        sequence.incrementAndGet(), pruning), to);
                return stored;
            });
        } finally {
            applied(made[0]);
        }
        return Optional.ofNullable(removed[0]);
    }

    /** Puts a change in the outbox; the last step of the {@code compute} that made it. */
    private Pending enqueue(ConnectionChange change, Consumer<ConnectionChange> to) {
        Pending pending = new Pending(change, to);
        outbox.add(pending);
        return pending;
    }

    /**
     * The {@code compute} that made {@code pending} (if any) has returned: hands every applied change at the head of
     * the outbox to the event executor, in order. A change still being applied holds back the ones behind it; the
     * thread applying it hands them over when it gets here.
     */
    private void applied(Pending pending) {
        if (pending == null) {
            return;
        }
        pending.applied = true;
        while (delivering.compareAndSet(false, true)) {
            try {
                for (Pending head = outbox.peek(); head != null && head.applied; head = outbox.peek()) {
                    outbox.poll();
                    ConnectionChange change = head.change;
                    Consumer<ConnectionChange> to = head.to;
                    try {
                        events.execute(() -> to.accept(change));
                    } catch (RejectedExecutionException e) {
                        // The engine is closing: nobody is listening any more.
                    }
                }
            } finally {
                delivering.set(false);
            }
            Pending head = outbox.peek();
            if (head == null || !head.applied) {
                return; // nothing more to hand over, or its own thread will
            }
        }
    }

    /** One node's view: the same entries, its own listener. */
    private final class NodeView implements ConnectionStore {
        private final Consumer<ConnectionChange> nodeListener;

        NodeView(Consumer<ConnectionChange> nodeListener) {
            this.nodeListener = nodeListener;
        }

        @Override
        public CompletionStage<Void> add(ConnectionRecord record) {
            return InMemoryConnectionStore.this.add(record, nodeListener);
        }

        @Override
        public CompletionStage<Optional<ConnectionRecord>> remove(String stage, String connectionId) {
            return CompletableFuture.completedFuture(removeEntry(stage, connectionId, Long.MAX_VALUE, nodeListener));
        }

        @Override
        public CompletionStage<Optional<ConnectionRecord>> find(String stage, String connectionId) {
            return InMemoryConnectionStore.this.find(stage, connectionId);
        }

        @Override
        public CompletionStage<List<ConnectionRecord>> connectionsOf(String stage, String userId) {
            return InMemoryConnectionStore.this.connectionsOf(stage, userId);
        }

        @Override
        public CompletionStage<Set<String>> users(String stage) {
            return InMemoryConnectionStore.this.users(stage);
        }

        @Override
        public CompletionStage<List<ConnectionRecord>> all(String stage) {
            return InMemoryConnectionStore.this.all(stage);
        }

        @Override
        public CompletionStage<List<ConnectionRecord>> heldBy(String stage, String nodeId) {
            return InMemoryConnectionStore.this.heldBy(stage, nodeId);
        }

        @Override
        public CompletionStage<ConnectionCounts> counts(String stage) {
            return InMemoryConnectionStore.this.counts(stage);
        }

        @Override
        public CompletionStage<Integer> pruneExpired(long now) {
            return InMemoryConnectionStore.this.pruneExpired(now, nodeListener);
        }
    }
}
