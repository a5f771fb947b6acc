package io.switchboard.redis;

import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.ConnectionStoreContract;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The connections store contract, against a real three-master Redis Cluster. */
class RedisClusterConnectionStoreContractTest extends ConnectionStoreContract {
    @RegisterExtension
    static final SharedRedis REDIS = SharedRedis.cluster();

    @Override
    protected ConnectionStore newStore(Consumer<ConnectionChange> listener) {
        RedisClients clients = REDIS.clients();
        return new RedisConnectionStore(clients, REDIS.closeAfterTest(new RedisEvents()), listener);
    }
}
