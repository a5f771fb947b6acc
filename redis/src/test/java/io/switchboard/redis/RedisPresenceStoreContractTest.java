package io.switchboard.redis;

import io.switchboard.presence.PresenceStore;
import io.switchboard.presence.PresenceStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The presence store contract, against a real Redis. */
class RedisPresenceStoreContractTest extends PresenceStoreContract {
    private static RedisProcess redis;
    private final List<RedisClients> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    @Override
    protected PresenceStore newStore() {
        RedisClients clients = RedisClients.connect(redis.settings(TestPrefixes.fresh()));
        opened.add(clients);
        return new RedisPresenceStore(clients);
    }

    @AfterEach
    void close() {
        opened.forEach(RedisClients::close);
    }
}
