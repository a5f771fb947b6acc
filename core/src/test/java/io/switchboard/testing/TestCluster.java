package io.switchboard.testing;

import io.switchboard.engine.Engine;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.MemoryCluster;
import io.switchboard.handler.Handlers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Several real gateways from one YAML, each on its own free port, sharing one engine's state: the nodes of a cluster
 * for one test. {@link #inMemory} puts them on an in-JVM {@link MemoryCluster}; an engine module passes its own
 * factory (nodes of one Redis, say). Node {@code i} has the id {@code node-a}, {@code node-b}, ...
 */
public final class TestCluster implements AutoCloseable {
    private final List<TestGateway> nodes;
    private final AutoCloseable shared;

    private TestCluster(List<TestGateway> nodes, AutoCloseable shared) {
        this.nodes = List.copyOf(nodes);
        this.shared = shared;
    }

    /** {@code count} nodes on a new in-JVM cluster. */
    public static TestCluster inMemory(int count, String yaml, Handlers handlers) {
        return on(new MemoryCluster(), count, yaml, handlers);
    }

    /** {@code count} nodes on an in-JVM cluster of the caller's (to {@link MemoryCluster#crash} one); closes it. */
    public static TestCluster on(MemoryCluster cluster, int count, String yaml, Handlers handlers) {
        return start(count, yaml, handlers, node -> cluster::node, cluster);
    }

    /**
     * {@code count} nodes whose engines {@code engines} builds (given the node's index).
     *
     * @param shared closed after every node (the shared state), or a no-op
     */
    public static TestCluster start(int count, String yaml, Handlers handlers,
                                    Function<Integer, Function<EngineContext, Engine>> engines,
                                    AutoCloseable shared) {
        List<TestGateway> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String id = "node-" + (char) ('a' + i);
                Function<EngineContext, Engine> engine = engines.apply(i);
                nodes.add(TestGateway.start(yaml, handlers, context ->
                        engine.apply(new EngineContext(id, context.clock(), context.timers()))));
            }
        } catch (RuntimeException e) {
            nodes.forEach(TestGateway::close);
            throw e;
        }
        return new TestCluster(nodes, shared);
    }

    /** Node {@code i}. */
    public TestGateway node(int i) {
        return nodes.get(i);
    }

    public int size() {
        return nodes.size();
    }

    public List<TestGateway> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        nodes.forEach(TestGateway::close);
        try {
            shared.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
