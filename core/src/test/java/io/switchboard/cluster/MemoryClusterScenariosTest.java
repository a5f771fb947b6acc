package io.switchboard.cluster;

import io.switchboard.handler.Handlers;
import io.switchboard.testing.TestCluster;

/** The cluster scenarios on three gateways of one in-JVM {@code MemoryCluster}. */
class MemoryClusterScenariosTest extends ClusterScenarios {

    @Override
    protected TestCluster startCluster(int nodes, String yaml, Handlers handlers) {
        return TestCluster.inMemory(nodes, yaml, handlers);
    }

    @Override
    protected boolean stateOutlivesTheNodes() {
        return false;
    }
}
