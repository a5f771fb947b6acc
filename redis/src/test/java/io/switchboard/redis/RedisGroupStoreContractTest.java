package io.switchboard.redis;

import io.switchboard.groups.GroupStore;
import io.switchboard.groups.GroupStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The group store contract, against a real Redis. */
class RedisGroupStoreContractTest extends GroupStoreContract {
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
    protected GroupStore newStore() {
        RedisClients clients = RedisClients.connect(redis.settings(TestPrefixes.fresh()));
        opened.add(clients);
        return new RedisGroupStore(clients);
    }

    @AfterEach
    void close() {
        opened.forEach(RedisClients::close);
    }
}
