package io.switchboard.redis;

import io.switchboard.presence.PresenceStore;
import io.switchboard.presence.PresenceStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The presence store contract, against a real three-master Redis Cluster. */
class RedisClusterPresenceStoreContractTest extends PresenceStoreContract {
    @RegisterExtension
    static final SharedRedis REDIS = SharedRedis.cluster();

    @Override
    protected PresenceStore newStore() {
        return new RedisPresenceStore(REDIS.clients());
    }
}
