package io.switchboard.connections;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteNodesTest {

    @Test
    void remembersByStageAndForgets() {
        RemoteNodes nodes = new RemoteNodes();
        nodes.put("s", "c1", "node-b");
        assertThat(nodes.get("s", "c1")).hasValue("node-b");
        assertThat(nodes.get("other", "c1")).isEmpty();
        nodes.forget("s", "c1");
        assertThat(nodes.get("s", "c1")).isEmpty();
        assertThat(nodes.size()).isZero();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        RemoteNodes nodes = new RemoteNodes();
        for (int i = 0; i < RemoteNodes.CAPACITY + 10; i++) {
            nodes.put("s", "c" + i, "node-b");
            assertThat(nodes.size()).isLessThanOrEqualTo(RemoteNodes.CAPACITY);
        }
        assertThat(nodes.get("s", "c" + (RemoteNodes.CAPACITY + 9))).hasValue("node-b");
        assertThat(nodes.get("s", "c0")).as("started again empty").isEmpty();
    }
}
