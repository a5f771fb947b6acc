package io.switchboard.redis;

import io.switchboard.presence.PresenceStore;
import io.switchboard.presence.PresenceStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The presence store contract, against a real Redis. */
class RedisPresenceStoreContractTest extends PresenceStoreContract {
    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();

    @Override
    protected PresenceStore newStore() {
        return new RedisPresenceStore(REDIS.clients());
    }
}
