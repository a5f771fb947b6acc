package io.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.NodeCommand;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.handler.TopicMessage;
import java.time.Clock;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Engine} must do as a whole, whatever its type: every store is there, events reach the listener
 * given to {@link Engine#start} (connection changes in order for each user), and starting or closing twice is
 * harmless. The stores have contracts of their own ({@code ConnectionStoreContract} and the others); an engine's test
 * extends this class.
 */
public abstract class EngineContract {
    private final BlockingQueue<ConnectionChange> changes = new LinkedBlockingQueue<>();
    private final BlockingQueue<TopicMessage> messages = new LinkedBlockingQueue<>();
    private final EngineListener listener = new EngineListener() {
        @Override
        public void connectionChanged(ConnectionChange change) {
            changes.add(change);
        }

        @Override
        public void topicMessage(TopicMessage message) {
            messages.add(message);
        }

        @Override
        public void nodeCommand(NodeCommand command) {
            commands.add(command);
        }
    };
    private final BlockingQueue<NodeCommand> commands = new LinkedBlockingQueue<>();
    private ScheduledExecutorService timers;
    private Engine engine;

    /** A new, empty engine, not started. */
    protected abstract Engine newEngine(EngineContext context);

    /**
     * Another node sharing the state of the engine {@link #newEngine} made last, not started; empty for an engine
     * that serves one node only (the node-bus tests are then skipped).
     */
    protected Optional<Engine> newPeer(EngineContext context) {
        return Optional.empty();
    }

    private final List<Engine> peers = new ArrayList<>();

    /** A started peer whose events go to the given queues. */
    private Engine startedPeer(String nodeId, BlockingQueue<NodeCommand> received,
                               BlockingQueue<ConnectionChange> changed, BlockingQueue<TopicMessage> topics) {
        Optional<Engine> peer = newPeer(new EngineContext(nodeId, Clock.systemUTC(), timers));
        Assumptions.assumeTrue(peer.isPresent(), "this engine serves one node");
        peers.add(peer.get());
        peer.get().start(new EngineListener() {
            @Override
            public void connectionChanged(ConnectionChange change) {
                changed.add(change);
            }

            @Override
            public void topicMessage(TopicMessage message) {
                topics.add(message);
            }

            @Override
            public void nodeCommand(NodeCommand command) {
                received.add(command);
            }
        });
        return peer.get();
    }

    @Test
    void aCommandReachesTheNodeItWasSentToAndNoOther() throws Exception {
        engine.start(listener);
        BlockingQueue<NodeCommand> atB = new LinkedBlockingQueue<>();
        BlockingQueue<NodeCommand> atC = new LinkedBlockingQueue<>();
        Engine b = startedPeer("node-b", atB, new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
        startedPeer("node-c", atC, new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
        assertThat(engine.nodes().nodeId()).isEqualTo("test-node");
        assertThat(b.nodes().nodeId()).isEqualTo("node-b");
        NodeCommand post = new NodeCommand.Post("s", "c1", OutboundMessage.text("hello"));
        assertThat(await(engine.nodes().send("node-b", post))).isTrue();
        NodeCommand got = next(atB);
        assertThat(got).isInstanceOf(NodeCommand.Post.class);
        assertThat(((NodeCommand.Post) got).message().text()).isEqualTo("hello");
        assertThat(atC.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(commands).isEmpty();
    }

    @Test
    void aCommandForANodeThatIsNotListeningFindsNobody() throws Exception {
        engine.start(listener);
        BlockingQueue<NodeCommand> atB = new LinkedBlockingQueue<>();
        Engine b = startedPeer("node-b", atB, new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
        NodeCommand close = new NodeCommand.Close("s", "c1", 1000, "bye");
        assertThat(await(engine.nodes().send("node-nobody", close))).isFalse();
        b.close();
        assertThat(await(engine.nodes().send("node-b", close))).isFalse();
    }

    @Test
    void aBroadcastReachesEveryOtherNodeOnce() throws Exception {
        engine.start(listener);
        BlockingQueue<NodeCommand> atB = new LinkedBlockingQueue<>();
        BlockingQueue<NodeCommand> atC = new LinkedBlockingQueue<>();
        startedPeer("node-b", atB, new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
        startedPeer("node-c", atC, new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
        NodeCommand fanOut = new NodeCommand.FanOut("s", List.of("c1", "c2"), OutboundMessage.text("all"), true);
        assertThat(await(engine.nodes().broadcast(fanOut))).isEqualTo(2);
        assertThat(((NodeCommand.FanOut) next(atB)).connectionIds()).containsExactly("c1", "c2");
        assertThat(((NodeCommand.FanOut) next(atC)).prune()).isTrue();
        assertThat(atB.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(commands).as("not to the sender").isEmpty();
    }

    @Test
    void nodesShareTheStoresAndEachHearsOfItsOwnChanges() throws Exception {
        engine.start(listener);
        BlockingQueue<ConnectionChange> atB = new LinkedBlockingQueue<>();
        BlockingQueue<TopicMessage> topicsAtB = new LinkedBlockingQueue<>();
        Engine b = startedPeer("node-b", new LinkedBlockingQueue<>(), atB, topicsAtB);
        await(b.connections().add(record("bob", "cb")));
        assertThat(next(atB).record().connectionId()).isEqualTo("cb");
        assertThat(await(engine.connections().find("s", "cb"))).isPresent();
        assertThat(changes.poll(200, TimeUnit.MILLISECONDS)).as("a change is told to the node that made it").isNull();
        await(engine.groups().add("s", "room", "cb"));
        assertThat(await(b.groups().members("s", "room"))).containsExactly("cb");
        TopicMessage sent = new TopicMessage("m1", "s", "news", "hello", Map.of(), 1);
        await(engine.topics().publish(sent));
        assertThat(next(topicsAtB)).isEqualTo(sent);
        assertThat(next(messages)).as("and to the publishing node").isEqualTo(sent);
    }

    @BeforeEach
    void createEngine() {
        timers = Executors.newSingleThreadScheduledExecutor();
        engine = newEngine(new EngineContext("test-node", Clock.systemUTC(), timers));
    }

    @AfterEach
    void closeEngine() {
        peers.forEach(Engine::close);
        engine.close();
        timers.shutdownNow();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(10, TimeUnit.SECONDS);
        assertThat(item).as("an event within 10 s").isNotNull();
        return item;
    }

    private static ConnectionRecord record(String user, String id) {
        return ConnectionRecord.of("s", user, id, 1_000, Long.MAX_VALUE / 2);
    }

    @Test
    void everyStoreIsThere() {
        assertThat(List.of(engine.groups(), engine.quotas(), engine.connections(), engine.presence(),
                engine.topics(), engine.queues())).doesNotContainNull();
    }

    @Test
    void startDeliversEveryKindOfEventToTheListener() throws Exception {
        engine.start(listener);
        await(engine.connections().add(record("alice", "c1")));
        TopicMessage sent = new TopicMessage("m1", "s", "news", "hello", Map.of("source", "test"), 1234);
        await(engine.topics().publish(sent));
        ConnectionChange change = next(changes);
        assertThat(change.type()).isEqualTo(ConnectionChange.Type.INSERT);
        assertThat(change.record()).isEqualTo(record("alice", "c1"));
        assertThat(next(messages)).isEqualTo(sent);
    }

    @Test
    void startingTwiceDeliversEachEventOnceToTheFirstListener() throws Exception {
        BlockingQueue<ConnectionChange> second = new LinkedBlockingQueue<>();
        engine.start(listener);
        engine.start(listener);
        engine.start(new EngineListener() {
            @Override
            public void connectionChanged(ConnectionChange change) {
                second.add(change);
            }

            @Override
            public void topicMessage(TopicMessage message) {
            }

            @Override
            public void nodeCommand(NodeCommand command) {
            }
        });
        await(engine.connections().add(record("alice", "c1")));
        assertThat(next(changes).record().connectionId()).isEqualTo("c1");
        assertThat(changes.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(second).isEmpty();
    }

    @Test
    void closingTwiceOrWithoutStartingIsHarmless() {
        Engine unstarted = newEngine(new EngineContext("other-node", Clock.systemUTC(), timers));
        assertThatCode(() -> {
            unstarted.close();
            unstarted.close();
            engine.start(listener);
            engine.close();
            engine.close();
        }).doesNotThrowAnyException();
        assertThat(timers.isShutdown()).as("the gateway's timers are not the engine's to stop").isFalse();
    }

    @Test
    void connectionChangesReachTheListenerInOrderForEachUser() throws Exception {
        engine.start(listener);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int users = 20;
        int perUser = 25;
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String user = "u" + u;
                work.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int c = 0; c < perUser; c++) {
                            await(engine.connections().add(record(user, user + "-c" + c)));
                        }
                        for (int c = 0; c < perUser; c++) {
                            await(engine.connections().remove("s", user + "-c" + c));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        Map<String, List<String>> seen = new HashMap<>();
        for (int i = 0; i < users * perUser * 2; i++) {
            ConnectionChange change = next(changes);
            seen.computeIfAbsent(change.userId(), u -> new ArrayList<>())
                    .add(change.type() + " " + change.record().connectionId() + " " + change.userConnections());
        }
        assertThat(changes.poll(100, TimeUnit.MILLISECONDS)).isNull();
        for (int u = 0; u < users; u++) {
            String user = "u" + u;
            List<String> expected = new ArrayList<>();
            for (int c = 0; c < perUser; c++) {
                expected.add("INSERT " + user + "-c" + c + " " + (c + 1));
            }
            for (int c = 0; c < perUser; c++) {
                expected.add("REMOVE " + user + "-c" + c + " " + (perUser - c - 1));
            }
            assertThat(seen.get(user)).as("the changes of %s", user).containsExactlyElementsOf(expected);
        }
    }
}
