package io.switchboard.redis;

import io.switchboard.queues.QueueStore;
import io.switchboard.queues.QueueStoreContract;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The queue store contract, against a real three-master Redis Cluster (one per class, a prefix per store). */
class RedisClusterQueueStoreContractTest extends QueueStoreContract {
    @RegisterExtension
    static final SharedRedis REDIS = SharedRedis.cluster();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @Override
    protected QueueStore newStore(Clock clock) {
        return REDIS.closeAfterTest(new RedisQueueStore(REDIS.clients(), clock, timers));
    }

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }
}
