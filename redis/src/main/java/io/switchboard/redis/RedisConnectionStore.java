package io.switchboard.redis;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.ConnectionCounts;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.ConnectionStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The connections store on Redis ({@link ConnectionScripts} has the layout), shared by every node on the same key
 * prefix. Adds, removals and pruning are Lua scripts, so a change and the count and sequence it reports are one
 * atomic step: the {@link ConnectionChange}s are exact whichever nodes change the same user at once.
 *
 * <p>Order of events: a change goes to this store's listener (the node that made it), on the {@code events}
 * executor. One Lettuce connection runs commands in the order they were written, so each change script is given a
 * ticket while it is written, under a lock, and its changes are handed to {@code events} in ticket order (an
 * {@link EventOrder}) once its reply is in, whichever thread completes it. The change scripts are sent with
 * {@code EVAL}, not {@code EVALSHA}: a retry after {@code NOSCRIPT} would run after commands written later and
 * break that order. A reply is in only after Redis applied the change, so the listener's queries show it.
 *
 * <p>Failures: a stage fails with Lettuce's exception when Redis is unreachable or slower than the command timeout;
 * such a change may or may not have been applied, and emits no event here.
 */
final class RedisConnectionStore implements ConnectionStore {
    /** Entries one prune script removes at most, so that pruning never blocks Redis for long. */
    static final int PRUNE_BATCH = 200;

    private final RedisClients clients;
    private final StageKeys keys;
    private final String stagesKey;
    private final EventOrder<ConnectionChange> order;

    /**
     * @param events   runs listener calls one at a time in submission order
     * @param listener receives every change this store makes
     */
    /** The stages this process has added entries to (as many as the configuration has, or tests make). */
    private final java.util.Set<String> knownStages;

    RedisConnectionStore(RedisClients clients, Executor events, Consumer<ConnectionChange> listener) {
        this.clients = clients;
        this.keys = new StageKeys(clients);
        this.stagesKey = clients.key("stages");
        this.knownStages = java.util.concurrent.ConcurrentHashMap.newKeySet();
        this.order = new EventOrder<>(events, listener);
    }

    @Override
    public CompletionStage<Void> add(ConnectionRecord r) {
        String stage = r.stage();
        // The stages ever used, so that pruning finds them; written first on the same connection, once per stage
        // and process (pruning writes them again, should Redis have lost them).
        CompletionStage<Long> known = knownStages.add(stage) ? clients.text().sadd(stagesKey, stage)
                : CompletableFuture.completedFuture(0L);
        String[] k = {keys.key(stage, "conn", r.connectionId()), keys.key(stage, "user", r.userId()),
                keys.key(stage, "users"), keys.key(stage, "all"), keys.key(stage, "expiry"), keys.key(stage, "seq")};
        String ua = r.userAgent().map(a -> "+" + a).orElse("-");
        CompletionStage<Void> added = order.<List<Object>, Void>run(
                () -> clients.text().eval(ConnectionScripts.ADD, ScriptOutputType.MULTI, k, r.connectionId(),
                        r.userId(), r.nodeId(), r.sourceIp(), ua, Long.toString(r.connectedAt()),
                        Long.toString(r.expiresAt()), keys.keyPrefix(r.stage(), "node")),
                reply -> {
                    long count = number(reply.get(0));
                    if (count < 0) {
                        return new EventOrder.Outcome<>(null, List.of());
                    }
                    return new EventOrder.Outcome<>(null, List.of(new ConnectionChange(ConnectionChange.Type.INSERT,
                            r, (int) count, number(reply.get(1)), false)));
                });
        return known.thenCombine(added, (a, b) -> null);
    }

    @Override
    public CompletionStage<Optional<ConnectionRecord>> remove(String stage, String connectionId) {
        String[] k = {keys.key(stage, "conn", connectionId), keys.key(stage, "users"), keys.key(stage, "all"),
                keys.key(stage, "expiry"), keys.key(stage, "seq")};
        return order.<List<Object>, Optional<ConnectionRecord>>run(
                () -> clients.text().eval(ConnectionScripts.REMOVE, ScriptOutputType.MULTI, k, connectionId,
                        keys.keyPrefix(stage, "user"), keys.keyPrefix(stage, "node")),
                reply -> {
                    if (reply.isEmpty()) {
                        return new EventOrder.Outcome<>(Optional.empty(), List.of());
                    }
                    ConnectionChange change = removal(stage, connectionId, reply, false);
                    return new EventOrder.Outcome<>(Optional.of(change.record()), List.of(change));
                });
    }

    @Override
    public CompletionStage<Optional<ConnectionRecord>> find(String stage, String connectionId) {
        return clients.text().hmget(keys.key(stage, "conn", connectionId), "user", "node", "ip", "ua", "at", "exp")
                .thenApply(values -> {
                    if (values.isEmpty() || !values.get(0).hasValue()) {
                        return Optional.empty();
                    }
                    List<Object> fields = new ArrayList<>(7);
                    fields.add(connectionId);
                    values.forEach(v -> fields.add(v.getValueOrElse("0")));
                    return Optional.of(record(stage, fields));
                });
    }

    @Override
    public CompletionStage<Map<String, String>> nodesOf(String stage, Collection<String> ids) {
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        List<String> order = List.copyOf(ids);
        String[] k = new String[order.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = keys.key(stage, "conn", order.get(i));
        }
        return ConnectionScripts.NODES.<List<Object>>run(clients.text(), ScriptOutputType.MULTI, k).thenApply(nodes -> {
            Map<String, String> found = new LinkedHashMap<>();
            for (int i = 0; i < nodes.size() && i < order.size(); i++) {
                if (nodes.get(i) instanceof String node) {
                    found.put(order.get(i), node);
                }
            }
            return found;
        });
    }

    @Override
    public CompletionStage<List<ConnectionRecord>> connectionsOf(String stage, String userId) {
        return records(stage, keys.key(stage, "user", userId), "z").thenApply(list -> {
            List<Object[]> sorted = new ArrayList<>(list);
            // Oldest first; connections of the same millisecond in the order they were added.
            sorted.sort(Comparator.comparingLong((Object[] e) -> ((ConnectionRecord) e[0]).connectedAt())
                    .thenComparingLong(e -> (Long) e[1]));
            return sorted.stream().map(e -> (ConnectionRecord) e[0]).toList();
        });
    }

    @Override
    public CompletionStage<Set<String>> users(String stage) {
        return clients.text().smembers(keys.key(stage, "users")).thenApply(Set::copyOf);
    }

    @Override
    public CompletionStage<List<ConnectionRecord>> all(String stage) {
        return records(stage, keys.key(stage, "all"), "s")
                .thenApply(list -> list.stream().map(e -> (ConnectionRecord) e[0]).toList());
    }

    @Override
    public CompletionStage<List<ConnectionRecord>> heldBy(String stage, String nodeId) {
        return records(stage, keys.keyPrefix(stage, "node") + nodeId, "s")
                .thenApply(list -> list.stream().map(e -> (ConnectionRecord) e[0]).toList());
    }

    @Override
    public CompletionStage<ConnectionCounts> counts(String stage) {
        return clients.text().scard(keys.key(stage, "all")).thenCombine(clients.text().scard(keys.key(stage, "users")),
                (connections, users) -> new ConnectionCounts(connections.intValue(), users.intValue()));
    }

    @Override
    public CompletionStage<Integer> pruneExpired(long now) {
        CompletionStage<Long> rewritten = knownStages.isEmpty() ? CompletableFuture.completedFuture(0L)
                : clients.text().sadd(stagesKey, knownStages.toArray(String[]::new));
        return rewritten.thenCompose(written -> clients.text().smembers(stagesKey)).thenCompose(stages -> {
            CompletionStage<Integer> total = CompletableFuture.completedFuture(0);
            for (String stage : stages) {
                total = total.thenCompose(sum -> prune(stage, now).thenApply(n -> sum + n));
            }
            return total;
        });
    }

    /** Prunes one stage, a batch at a time, until a batch finds fewer than it may take. */
    private CompletionStage<Integer> prune(String stage, long now) {
        String[] k = {keys.key(stage, "users"), keys.key(stage, "all"), keys.key(stage, "expiry"),
                keys.key(stage, "seq")};
        return order.<List<Object>, long[]>run(
                () -> clients.text().eval(ConnectionScripts.PRUNE, ScriptOutputType.MULTI, k, Long.toString(now),
                        Integer.toString(PRUNE_BATCH), keys.keyPrefix(stage, "conn"), keys.keyPrefix(stage, "user"),
                        keys.keyPrefix(stage, "node")),
                reply -> {
                    List<ConnectionChange> changes = new ArrayList<>();
                    for (Object entry : (List<?>) reply.get(1)) {
                        List<?> e = (List<?>) entry;
                        changes.add(removal(stage, (String) e.get(0), e.subList(1, e.size()), true));
                    }
                    return new EventOrder.Outcome<>(new long[] {number(reply.get(0)), changes.size()}, changes);
                }).thenCompose(batch -> batch[0] < PRUNE_BATCH ? CompletableFuture.completedFuture((int) batch[1])
                        : prune(stage, now).thenApply(more -> more + (int) batch[1]));
    }

    /** A REMOVE from {count, seq, user, node, ip, ua, at, exp}. */
    private static ConnectionChange removal(String stage, String connectionId, List<?> reply, boolean expired) {
        List<Object> fields = new ArrayList<>(7);
        fields.add(connectionId);
        fields.addAll(reply.subList(2, 8));
        return new ConnectionChange(ConnectionChange.Type.REMOVE, record(stage, fields), (int) number(reply.get(0)),
                number(reply.get(1)), expired);
    }

    /** Records with their sequence, from {@link ConnectionScripts#RECORDS}. */
    private CompletionStage<List<Object[]>> records(String stage, String index, String kind) {
        return clients.text().<List<Object>>eval(ConnectionScripts.RECORDS, ScriptOutputType.MULTI,
                new String[] {index}, keys.keyPrefix(stage, "conn"), kind).thenApply(reply -> {
                    List<Object[]> out = new ArrayList<>(reply.size());
                    for (Object entry : reply) {
                        List<?> e = (List<?>) entry;
                        out.add(new Object[] {record(stage, e.subList(0, 7)), Long.parseLong((String) e.get(7))});
                    }
                    return out;
                });
    }

    /** A record from {id, user, node, ip, ua, at, exp}. */
    private static ConnectionRecord record(String stage, List<?> f) {
        String ua = (String) f.get(4);
        Optional<String> agent = ua.startsWith("+") ? Optional.of(ua.substring(1)) : Optional.empty();
        return new ConnectionRecord(stage, (String) f.get(1), (String) f.get(0), (String) f.get(2),
                (String) f.get(3), agent, Long.parseLong((String) f.get(5)), Long.parseLong((String) f.get(6)));
    }

    private static long number(Object value) {
        return value instanceof Long l ? l : Long.parseLong(value.toString());
    }
}
