package io.switchboard.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConnectionStore} must do, whatever engine holds it: queries by user, INSERT and REMOVE events with
 * the user's remaining connections, in order per user, and pruning by expiry. An engine's test extends this class.
 */
public abstract class ConnectionStoreContract {
    private final BlockingQueue<ConnectionChange> changes = new LinkedBlockingQueue<>();
    private ConnectionStore store;

    /** A new, empty store whose changes go to {@code listener}. */
    protected abstract ConnectionStore newStore(Consumer<ConnectionChange> listener);

    @BeforeEach
    void createStore() {
        store = newStore(changes::add);
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private ConnectionChange nextChange() throws InterruptedException {
        ConnectionChange change = changes.poll(10, TimeUnit.SECONDS);
        assertThat(change).as("a change within 10 s").isNotNull();
        return change;
    }

    private static ConnectionRecord record(String stage, String user, String id, long expiresAt) {
        return ConnectionRecord.of(stage, user, id, 1_000, expiresAt);
    }

    @Test
    void entriesAreQueriedByUserByConnectionAndByStage() throws Exception {
        await(store.add(record("s", "alice", "c1", 10_000)));
        await(store.add(record("s", "alice", "c2", 10_000)));
        await(store.add(record("s", "bob", "c3", 10_000)));
        await(store.add(record("other", "alice", "c4", 10_000)));
        assertThat(await(store.connectionsOf("s", "alice"))).extracting(ConnectionRecord::connectionId)
                .containsExactly("c1", "c2");
        assertThat(await(store.connectionsOf("s", "nobody"))).isEmpty();
        assertThat(await(store.users("s"))).containsExactlyInAnyOrder("alice", "bob");
        assertThat(await(store.counts("s"))).isEqualTo(new ConnectionCounts(3, 2));
        assertThat(await(store.counts("empty"))).isEqualTo(new ConnectionCounts(0, 0));
        assertThat(await(store.find("s", "c3"))).hasValue(record("s", "bob", "c3", 10_000));
        assertThat(await(store.find("s", "c4"))).isEmpty();
        assertThat(await(store.all("s"))).extracting(ConnectionRecord::connectionId)
                .containsExactlyInAnyOrder("c1", "c2", "c3");
        assertThat(await(store.all("other"))).extracting(ConnectionRecord::userId).containsExactly("alice");
    }

    @Test
    void entriesAreFoundByTheNodeThatHoldsThem() throws Exception {
        await(store.add(new ConnectionRecord("s", "alice", "a1", "node-a", "10.0.0.1", Optional.of("ua/1"), 1_000,
                10_000)));
        await(store.add(new ConnectionRecord("s", "bob", "b1", "node-b", "10.0.0.2", Optional.empty(), 1_000,
                10_000)));
        await(store.add(new ConnectionRecord("s", "alice", "b2", "node-b", "10.0.0.3", Optional.empty(), 2_000,
                10_000)));
        await(store.add(new ConnectionRecord("other", "carol", "b3", "node-b", "10.0.0.4", Optional.empty(), 1_000,
                10_000)));
        assertThat(await(store.heldBy("s", "node-b"))).extracting(ConnectionRecord::connectionId)
                .containsExactlyInAnyOrder("b1", "b2");
        assertThat(await(store.heldBy("s", "node-a"))).singleElement()
                .isEqualTo(new ConnectionRecord("s", "alice", "a1", "node-a", "10.0.0.1", Optional.of("ua/1"), 1_000,
                        10_000));
        await(store.remove("s", "b1"));
        assertThat(await(store.heldBy("s", "node-b"))).extracting(ConnectionRecord::connectionId)
                .containsExactly("b2");
        assertThat(await(store.heldBy("s", "node-nobody"))).isEmpty();
        assertThat(await(store.heldBy("empty", "node-b"))).isEmpty();
    }

    @Test
    void theNodesOfManyConnectionsAreFoundAtOnce() throws Exception {
        await(store.add(new ConnectionRecord("s", "alice", "a1", "node-a", "10.0.0.1", Optional.empty(), 1_000,
                10_000)));
        await(store.add(new ConnectionRecord("s", "bob", "b1", "node-b", "10.0.0.2", Optional.empty(), 1_000,
                10_000)));
        await(store.add(new ConnectionRecord("other", "carol", "c1", "node-c", "10.0.0.3", Optional.empty(), 1_000,
                10_000)));
        assertThat(await(store.nodesOf("s", List.of("b1", "gone", "a1", "c1"))))
                .containsExactly(Map.entry("b1", "node-b"), Map.entry("a1", "node-a"));
        assertThat(await(store.nodesOf("s", List.of()))).isEmpty();
        await(store.remove("s", "b1"));
        assertThat(await(store.nodesOf("s", List.of("a1", "b1")))).containsOnlyKeys("a1");
    }

    @Test
    void changesCarryTheUsersRemainingConnectionsInOrder() throws Exception {
        await(store.add(record("s", "alice", "c1", 10_000)));
        await(store.add(record("s", "alice", "c2", 10_000)));
        assertThat(await(store.remove("s", "c1"))).hasValue(record("s", "alice", "c1", 10_000));
        await(store.remove("s", "c2"));
        List<ConnectionChange> seen = List.of(nextChange(), nextChange(), nextChange(), nextChange());
        assertThat(seen).extracting(ConnectionChange::type).containsExactly(ConnectionChange.Type.INSERT,
                ConnectionChange.Type.INSERT, ConnectionChange.Type.REMOVE, ConnectionChange.Type.REMOVE);
        assertThat(seen).extracting(ConnectionChange::userConnections).containsExactly(1, 2, 1, 0);
        assertThat(seen).extracting(c -> c.record().connectionId()).containsExactly("c1", "c2", "c1", "c2");
        assertThat(seen).extracting(ConnectionChange::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(seen).noneMatch(ConnectionChange::expired);
        assertThat(await(store.users("s"))).isEmpty();
    }

    @Test
    void addingTwiceOrRemovingWhatIsNotThereChangesNothing() throws Exception {
        await(store.add(record("s", "alice", "c1", 10_000)));
        await(store.add(record("s", "alice", "c1", 10_000)));
        await(store.add(record("s", "mallory", "c1", 10_000))); // an id already taken keeps its user
        assertThat(await(store.remove("s", "unknown"))).isEmpty();
        assertThat(await(store.remove("other", "c1"))).isEmpty();
        assertThat(await(store.remove("s", "c1"))).isPresent();
        assertThat(await(store.remove("s", "c1"))).isEmpty();
        assertThat(nextChange().type()).isEqualTo(ConnectionChange.Type.INSERT);
        ConnectionChange removed = nextChange();
        assertThat(removed.type()).isEqualTo(ConnectionChange.Type.REMOVE);
        assertThat(removed.userId()).isEqualTo("alice");
        assertThat(changes.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void pruningRemovesExpiredEntriesOnly() throws Exception {
        await(store.add(record("s", "alice", "old", 100)));
        await(store.add(record("s", "alice", "new", 300)));
        await(store.add(record("t", "bob", "edge", 150)));
        nextChange();
        nextChange();
        nextChange();
        assertThat(await(store.pruneExpired(150))).isEqualTo(2);
        List<ConnectionChange> pruned = List.of(nextChange(), nextChange());
        assertThat(pruned).allMatch(c -> c.type() == ConnectionChange.Type.REMOVE && c.expired());
        assertThat(pruned).extracting(c -> c.record().connectionId()).containsExactlyInAnyOrder("old", "edge");
        assertThat(await(store.connectionsOf("s", "alice"))).extracting(ConnectionRecord::connectionId)
                .containsExactly("new");
        assertThat(await(store.pruneExpired(150))).isZero();
    }

    @Test
    void concurrentChangesReachTheListenerInOrderForEachUser() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int users = 40;
        int perUser = 50;
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                for (int c = 0; c < perUser; c++) {
                    String user = "u" + u;
                    String id = user + "-c" + c;
                    work.add(CompletableFuture.runAsync(() -> {
                        try {
                            await(store.add(record("s", user, id, 10_000)));
                            await(store.remove("s", id));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Integer> replayed = new HashMap<>();
        AtomicInteger events = new AtomicInteger();
        for (int i = 0; i < users * perUser * 2; i++) {
            ConnectionChange change = nextChange();
            events.incrementAndGet();
            int before = replayed.getOrDefault(change.userId(), 0);
            int after = change.type() == ConnectionChange.Type.INSERT ? before + 1 : before - 1;
            assertThat(change.userConnections()).as("count after change %s", change).isEqualTo(after);
            replayed.put(change.userId(), after);
        }
        assertThat(replayed.values()).allMatch(n -> n == 0);
        assertThat(changes.poll(100, TimeUnit.MILLISECONDS)).isNull();
        assertThat(await(store.counts("s"))).isEqualTo(new ConnectionCounts(0, 0));
    }

    @Test
    void concurrentRemovalsOfOneConnectionRemoveItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                String id = "c" + round;
                await(store.add(record("s", "alice", id, 10_000)));
                List<CompletableFuture<Boolean>> removals = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    removals.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return await(store.remove("s", id)).isPresent();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
                long removed = removals.stream().filter(CompletableFuture::join).count();
                assertThat(removed).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        int removes = 0;
        for (int i = 0; i < 400; i++) {
            removes += nextChange().type() == ConnectionChange.Type.REMOVE ? 1 : 0;
        }
        assertThat(removes).isEqualTo(200);
    }
}
