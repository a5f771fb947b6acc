package io.switchboard.redis;

import io.switchboard.throttle.QuotaStore;
import io.switchboard.throttle.QuotaStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The quota store contract, against a real Redis. */
class RedisQuotaStoreContractTest extends QuotaStoreContract {
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
    protected QuotaStore store() {
        RedisClients clients = RedisClients.connect(redis.settings(TestPrefixes.fresh()));
        opened.add(clients);
        return new RedisQuotaStore(clients);
    }

    @AfterEach
    void close() {
        opened.forEach(RedisClients::close);
    }
}
