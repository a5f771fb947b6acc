package io.switchboard.redis;

import io.switchboard.engine.Engine;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.EngineContract;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The engine contract, against a real Redis; a peer is another engine on the same Redis and key prefix. */
class RedisEngineContractTest extends EngineContract {
    private static RedisProcess redis;
    private String prefix;

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    @Override
    protected Engine newEngine(EngineContext context) {
        prefix = TestPrefixes.fresh();
        return new RedisEngine(redis.settings(prefix), context);
    }

    @Override
    protected Optional<Engine> newPeer(EngineContext context) {
        return Optional.of(new RedisEngine(redis.settings(prefix), context));
    }
}
