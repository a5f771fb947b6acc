package io.switchboard.redis;

import io.switchboard.engine.Engine;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.EngineContract;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine contract, against a real Redis; a peer is another engine on the same Redis and key prefix. */
class RedisEngineContractTest extends EngineContract {
    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();
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
