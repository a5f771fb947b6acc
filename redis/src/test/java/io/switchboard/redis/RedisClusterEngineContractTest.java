package io.switchboard.redis;

import io.switchboard.engine.Engine;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.EngineContract;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine contract, against a real three-master Redis Cluster; a peer is another engine on it, same prefix. */
class RedisClusterEngineContractTest extends EngineContract {
    @RegisterExtension
    static final SharedRedis REDIS = SharedRedis.cluster();
    private RedisSettings settings;

    @Override
    protected Engine newEngine(EngineContext context) {
        settings = REDIS.freshSettings();
        return new RedisEngine(settings, context);
    }

    @Override
    protected Optional<Engine> newPeer(EngineContext context) {
        return Optional.of(new RedisEngine(settings, context));
    }
}
