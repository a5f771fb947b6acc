package io.switchboard.redis;

import io.switchboard.cluster.ClusterScenarios;
import io.switchboard.handler.Handlers;
import io.switchboard.testing.TestCluster;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster scenarios on three gateways, each with its own Redis engine (its own connections to Redis, as three
 * processes would have), sharing one real {@code redis-server}; a fresh key prefix per test is the shared state.
 */
class RedisStandaloneScenariosTest extends ClusterScenarios {
    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
    /** A new instance per test, so new settings: the state the test's clusters share. */
    private RedisSettings settings;

    @Override
    protected TestCluster startCluster(int nodes, String yaml, Handlers handlers) {
        if (settings == null) {
            settings = REDIS.freshSettings();
        }
        RedisSettings shared = settings;
        return TestCluster.start(nodes, yaml, handlers, node -> context -> new RedisEngine(shared, context), () -> {
        });
    }

    @Override
    protected boolean stateOutlivesTheNodes() {
        return true;
    }
}
