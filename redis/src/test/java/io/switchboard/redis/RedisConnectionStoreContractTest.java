package io.switchboard.redis;

import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.ConnectionStoreContract;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The connections store contract, against a real Redis. */
class RedisConnectionStoreContractTest extends ConnectionStoreContract {
    private static RedisProcess redis;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    @Override
    protected ConnectionStore newStore(Consumer<ConnectionChange> listener) {
        RedisClients clients = RedisClients.connect(redis.settings(TestPrefixes.fresh()));
        RedisEvents events = new RedisEvents();
        opened.add(clients);
        opened.add(events);
        return new RedisConnectionStore(clients, events, listener);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }
}
