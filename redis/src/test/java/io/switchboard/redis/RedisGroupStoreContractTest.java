package io.switchboard.redis;

import io.switchboard.groups.GroupStore;
import io.switchboard.groups.GroupStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The group store contract, against a real Redis. */
class RedisGroupStoreContractTest extends GroupStoreContract {
    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();

    @Override
    protected GroupStore newStore() {
        return new RedisGroupStore(REDIS.clients());
    }
}
