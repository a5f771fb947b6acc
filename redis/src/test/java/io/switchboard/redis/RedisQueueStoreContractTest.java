package io.switchboard.redis;

import io.switchboard.queues.QueueStore;
import io.switchboard.queues.QueueStoreContract;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The queue store contract, against a real Redis: one server for the class, a key prefix of each store's own. */
class RedisQueueStoreContractTest extends QueueStoreContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedisProcess redis;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected QueueStore newStore(Clock clock) {
        RedisClients clients = RedisClients.connect(redis.settings("contract" + PREFIXES.incrementAndGet() + ":"));
        RedisQueueStore store = new RedisQueueStore(clients, clock, timers);
        opened.add(clients);
        opened.add(store);
        return store;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        timers.shutdownNow();
    }
}
