package io.switchboard.redis;

import io.switchboard.groups.GroupStore;
import io.switchboard.groups.GroupStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The group store contract, against a real three-master Redis Cluster. */
class RedisClusterGroupStoreContractTest extends GroupStoreContract {
    @RegisterExtension
    static final SharedRedis REDIS = SharedRedis.cluster();

    @Override
    protected GroupStore newStore() {
        return new RedisGroupStore(REDIS.clients());
    }
}
