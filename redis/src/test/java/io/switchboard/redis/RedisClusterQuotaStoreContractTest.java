package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.throttle.QuotaStore;
import io.switchboard.throttle.QuotaStoreContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The quota store contract, against a real three-master Redis Cluster. */
class RedisClusterQuotaStoreContractTest extends QuotaStoreContract {
    @RegisterExtension
    static final SharedRedis REDIS = SharedRedis.cluster();
    private RedisClients last;

    @Override
    protected QuotaStore store() {
        last = REDIS.clients();
        return new RedisQuotaStore(last);
    }

    /** A real period start keeps every digit, and a counter nobody uses is dropped after the longest period. */
    @Test
    void aCounterKeepsItsPeriodExactlyAndExpires() throws Exception {
        QuotaStore store = store();
        long monthStart = 1_764_547_200_000L;
        for (int i = 0; i < 5; i++) {
            assertThat(store.tryConsume("prod/k1", monthStart, 5).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isTrue();
        }
        assertThat(store.tryConsume("prod/k1", monthStart, 5).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isFalse();
        assertThat(store.tryConsume("prod/k1", monthStart - 1, 5).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isFalse();
        RedisClients clients = last;
        String key = clients.key("quota", "prod/k1");
        assertThat(clients.text().hget(key, "start").get(5, TimeUnit.SECONDS)).isEqualTo(Long.toString(monthStart));
        assertThat(clients.text().pttl(key).get(5, TimeUnit.SECONDS)).isPositive()
                .isLessThanOrEqualTo(RedisQuotaStore.KEEP.toMillis());
    }
}
