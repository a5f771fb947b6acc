package io.switchboard.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/** The engine contract, against nodes of one in-JVM {@link MemoryCluster}. */
class MemoryClusterContractTest extends EngineContract {
    private final List<MemoryCluster> clusters = new ArrayList<>();

    @Override
    protected Engine newEngine(EngineContext context) {
        MemoryCluster cluster = new MemoryCluster();
        clusters.add(cluster);
        return cluster.node(context);
    }

    @Override
    protected Optional<Engine> newPeer(EngineContext context) {
        return Optional.of(clusters.get(clusters.size() - 1).node(context));
    }

    @AfterEach
    void closeClusters() {
        clusters.forEach(MemoryCluster::close);
    }
}
