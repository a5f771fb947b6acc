package io.switchboard.redis;

import io.switchboard.cluster.ClusterScenarios;
import io.switchboard.handler.Handlers;
import io.switchboard.testing.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The cluster scenarios on three gateways, each with its own Redis engine (its own connections to Redis, as three
 * processes would have), sharing one real {@code redis-server}; a fresh key prefix per test is the shared state.
 */
class RedisClusterScenariosTest extends ClusterScenarios {
    private static RedisProcess redis;
    /** A new instance per test, so a new prefix: the state the test's clusters share. */
    private final String prefix = TestPrefixes.fresh();

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected TestCluster startCluster(int nodes, String yaml, Handlers handlers) {
        RedisSettings settings = redis.settings(prefix);
        return TestCluster.start(nodes, yaml, handlers, node -> context -> new RedisEngine(settings, context), () -> {
        });
    }

    @Override
    protected boolean stateOutlivesTheNodes() {
        return true;
    }
}
